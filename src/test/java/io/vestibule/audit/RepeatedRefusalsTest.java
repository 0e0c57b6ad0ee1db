package io.vestibule.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals repeated by one client are recorded at most once a period per key, and the keys remembered are bounded. */
class RepeatedRefusalsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T09:00:00Z"));
    private final RepeatedRefusals repeats = new RepeatedRefusals(clock, Duration.ofMinutes(1), 3);

    @Test
    void oneRefusalAMinutePerKeyIsRecordedAndTheNextSaysHowManyWereLeftOut() {
        assertThat(repeats.toRecord("conference.lock guest-1")).hasValue(0);
        for (int repeat = 0; repeat < 50; repeat++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(repeats.toRecord("conference.lock guest-1")).isEmpty();
        }
        assertThat(repeats.toRecord("conference.end guest-1")).as("another act").hasValue(0);
        assertThat(repeats.toRecord("conference.lock guest-2")).as("another participant").hasValue(0);

        clock.advance(Duration.ofSeconds(10));

        assertThat(repeats.toRecord("conference.lock guest-1")).hasValue(50);
        assertThat(repeats.toRecord("conference.lock guest-1")).isEmpty();
    }

    @Test
    void aNewKeyIsNotRecordedWhileTheRememberedOnesAreAllWithinTheirMinuteAndIsOnceOneHasPassed() {
        repeats.toRecord("a");
        repeats.toRecord("b");
        clock.advance(Duration.ofSeconds(30));
        repeats.toRecord("c");

        assertThat(repeats.toRecord("d")).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(repeats.toRecord("d")).isEqualTo(OptionalInt.of(0));
        assertThat(repeats.toRecord("e")).as("a and b forgotten, c and d remembered").isEqualTo(OptionalInt.of(0));
        assertThat(repeats.toRecord("f")).isEmpty();
    }
}
