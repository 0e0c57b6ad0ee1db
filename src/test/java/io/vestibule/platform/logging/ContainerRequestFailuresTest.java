package io.vestibule.platform.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The container's own log of a request it refused: one line a minute without the trace, the rest counted. */
class ContainerRequestFailuresTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T09:00:00Z"));
    private final ContainerRequestFailures filter = new ContainerRequestFailures(null, new RepeatedFailures(clock));

    @Test
    void theFirstRefusalIsOneLineWithoutItsTraceAndTheRestAreCounted() {
        LogRecord first = refused("%zz\nforged line");

        assertThat(filter.isLoggable(first)).isTrue();
        assertThat(first.getThrown()).isNull();
        assertThat(first.getLevel()).isEqualTo(Level.WARNING);
        assertThat(first.getMessage()).contains(ContainerRequestFailures.MESSAGE_ID).contains("%zz\\u000aforged line")
                .doesNotContain("\n");
        for (int i = 0; i < 49; i++) {
            assertThat(filter.isLoggable(refused("%zz" + i))).isFalse();
        }

        clock.advance(Duration.ofMinutes(1));
        LogRecord later = refused("%zz");
        assertThat(filter.isLoggable(later)).isTrue();
        assertThat(later.getMessage()).contains("came 49 more times");
    }

    @Test
    void otherRecordsPassUntouched() {
        LogRecord other = new LogRecord(Level.SEVERE, "AS-WEB-CORE-00001");
        other.setLoggerName("jakarta.enterprise.web.core");
        IllegalStateException failure = new IllegalStateException("x");
        other.setThrown(failure);

        assertThat(filter.isLoggable(other)).isTrue();
        assertThat(other.getThrown()).isSameAs(failure);
        assertThat(other.getLevel()).isEqualTo(Level.SEVERE);
    }

    private static LogRecord refused(String escape) {
        LogRecord record = new LogRecord(Level.SEVERE, ContainerRequestFailures.MESSAGE_ID);
        record.setLoggerName("jakarta.enterprise.web.core");
        record.setThrown(new IllegalArgumentException("URLDecoder: Illegal hex characters in escape (%) pattern - " + escape));
        return record;
    }
}
