package io.vestibule.calendar.integration;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackReplaysTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static final int FEW = 2_500;

    private final TestClock clock = new TestClock(NOW);
    private final CallbackReplays replays = new CallbackReplays(clock, FEW);

    @Test
    void whenFullOfFreshSignaturesNewCallsAreRefusedUntilSomeLeaveTheWindow() throws CallbackRefused {
        for (int i = 0; i < FEW; i++) {
            replays.firstSight("signature-" + i, NOW.plus(Duration.ofMinutes(5)));
        }

        assertThatThrownBy(() -> replays.firstSight("one more", NOW.plus(Duration.ofMinutes(5))))
                .isInstanceOfSatisfying(CallbackRefused.class, refused -> assertThat(refused.rejection()).isEqualTo(CallbackRejection.BUSY));
        clock.advance(Duration.ofMinutes(6));
        assertThatCode(() -> replays.firstSight("one more", clock.instant().plus(Duration.ofMinutes(5)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> replays.firstSight("one more", clock.instant().plus(Duration.ofMinutes(5))))
                .isInstanceOf(CallbackRefused.class);
    }
}
