package io.vestibule.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OctetCountingTest {
    @Test
    void theLengthCountsOctetsNotCharacters() {
        byte[] message = "<109>1 ü\nx".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(OctetCounting.frame(message), StandardCharsets.UTF_8)).isEqualTo("11 <109>1 ü\nx");
    }

    @Test
    void anEmptyMessageIsRefused() {
        assertThatThrownBy(() -> OctetCounting.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
