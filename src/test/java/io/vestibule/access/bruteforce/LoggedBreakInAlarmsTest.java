package io.vestibule.access.bruteforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedBreakInAlarmsTest {

    @Test
    void accountNamesCannotForgeLogLines() {
        assertThat(LoggedBreakInAlarms.printable("alice\nSEVERE: forged\u2028x\"y"))
                .isEqualTo("\"alice\\u000aSEVERE: forged\\u2028x\\u0022y\"")
                .doesNotContain("\n");
    }
}
