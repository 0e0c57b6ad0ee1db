package io.vestibule.media.signaling;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRateTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aBurstPassesThenTheRateHolds() {
        MessageRate rate = new MessageRate(20, 50, T0);
        for (int i = 0; i < 50; i++) {
            assertThat(rate.allow(T0)).as("message %d of the burst", i + 1).isTrue();
        }
        assertThat(rate.allow(T0)).isFalse();
        assertThat(rate.allow(T0.plusMillis(50))).as("one message's worth of time").isTrue();
        assertThat(rate.allow(T0.plusMillis(50))).isFalse();
        assertThat(rate.allow(T0.plusMillis(150))).isTrue();
        assertThat(rate.allow(T0.plusMillis(150))).isTrue();
        assertThat(rate.allow(T0.plusMillis(150))).isFalse();
    }

    @Test
    void quietTimeRefillsNoMoreThanTheBurst() {
        MessageRate rate = new MessageRate(20, 50, T0);
        for (int i = 0; i < 50; i++) {
            rate.allow(T0);
        }
        Instant later = T0.plusSeconds(3600);
        int allowed = 0;
        while (rate.allow(later)) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(50);
    }

    @Test
    void aClockThatGoesBackGrantsNothingExtra() {
        MessageRate rate = new MessageRate(20, 1, T0);
        assertThat(rate.allow(T0)).isTrue();
        assertThat(rate.allow(T0.minusSeconds(10))).isFalse();
    }
}
