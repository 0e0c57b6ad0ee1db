package io.vestibule.platform.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

    @Test
    void attackerChosenTextCannotForgeLogLines() {
        assertThat(LogText.quoted("alice\nSEVERE: forged\u2028x\"y\\z"))
                .isEqualTo("\"alice\\u000aSEVERE: forged\\u2028x\\u0022y\\u005cz\"")
                .doesNotContain("\n");
    }

    @Test
    void ordinaryTextIsOnlyQuoted() {
        assertThat(LogText.quoted("Dave Lefèvre")).isEqualTo("\"Dave Lefèvre\"");
    }
}
