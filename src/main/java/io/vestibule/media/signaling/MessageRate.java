package io.vestibule.media.signaling;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket per socket: a burst of {@code burst} messages, refilled at {@code perSecond}. Signaling is a few
 * messages a second at most; a client far above that is broken or hostile.
 */
final class MessageRate {
    private final double perSecond;
    private final double burst;
    private double available;
    private Instant last;

    MessageRate(double perSecond, double burst, Instant now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.available = burst;
        this.last = now;
    }

    synchronized boolean allow(Instant now) {
        double elapsed = Math.max(0, Duration.between(last, now).toNanos() / 1e9);
        available = Math.min(burst, available + elapsed * perSecond);
        last = now;
        if (available < 1) {
            return false;
        }
        available -= 1;
        return true;
    }
}
