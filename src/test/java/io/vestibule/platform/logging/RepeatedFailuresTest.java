package io.vestibule.platform.logging;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedFailuresTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final RepeatedFailures failures = new RepeatedFailures(clock);

    /** The same kind each time: thrown from one place, whatever the message says. */
    private static RuntimeException deepInput(String message) {
        return new RuntimeException("wrapped", new IllegalStateException(message));
    }

    private static RuntimeException elsewhere() {
        return new RuntimeException("wrapped", new IllegalArgumentException("other"));
    }

    @Test
    void theFirstIsLoggedAndRepeatsWithinTheWindowAreOnlyCounted() {
        RepeatedFailures.Verdict first = failures.failed(deepInput("Input is too deeply nested 1,000"));
        assertThat(first.log()).isTrue();
        for (int i = 0; i < 49; i++) {
            clock.advance(Duration.ofMillis(100));
            RepeatedFailures.Verdict repeat = failures.failed(deepInput("request " + i));
            assertThat(repeat.log()).isFalse();
            assertThat(repeat.incident()).as("a repeat points at the logged trace").isEqualTo(first.incident());
        }

        clock.advance(RepeatedFailures.WINDOW);
        RepeatedFailures.Verdict afterWindow = failures.failed(deepInput("again"));
        assertThat(afterWindow.log()).isTrue();
        assertThat(afterWindow.incident()).isNotEqualTo(first.incident());
        assertThat(afterWindow.unlogged()).contains(new RepeatedFailures.Unlogged(first.incident(), 49));
    }

    @Test
    void anotherKindOfFailureIsLoggedAtOnce() {
        RepeatedFailures.Verdict first = failures.failed(deepInput("a"));
        assertThat(first.log()).isTrue();
        assertThat(first.unlogged()).isEmpty();
        assertThat(failures.failed(elsewhere()).log()).isTrue();
        assertThat(failures.failed(deepInput("b")).log()).isFalse();
    }

    @Test
    void theKindIsTheRootCauseAndWhereItWasThrownNotTheMessage() {
        assertThat(RepeatedFailures.kindOf(deepInput("secret-ish input 1")))
                .isEqualTo(RepeatedFailures.kindOf(deepInput("secret-ish input 2")))
                .startsWith(IllegalStateException.class.getName() + " at ")
                .doesNotContain("secret-ish");
        assertThat(RepeatedFailures.kindOf(deepInput("x"))).isNotEqualTo(RepeatedFailures.kindOf(elsewhere()));
    }
}
