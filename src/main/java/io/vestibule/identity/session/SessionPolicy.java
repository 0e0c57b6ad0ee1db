package io.vestibule.identity.session;

import java.time.Duration;

/**
 * How long a session lives: it ends after {@code idleTimeout} without a request, and in any case after
 * {@code maximumLifetime}. A user holds at most {@code perUserLimit} sessions; a new one ends the oldest.
 */
public record SessionPolicy(Duration idleTimeout, Duration maximumLifetime, int perUserLimit) {
    public SessionPolicy {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maximumLifetime.compareTo(idleTimeout) < 0 || perUserLimit < 1) {
            throw new IllegalArgumentException("Session timeouts must be positive, the lifetime at least the idle timeout, the limit at least 1");
        }
    }
}
