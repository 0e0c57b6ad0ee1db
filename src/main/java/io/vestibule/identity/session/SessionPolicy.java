package io.vestibule.identity.session;

import java.time.Duration;

/**
 * How long a session lives and how many there may be: it ends after {@code idleTimeout} without a request, and
 * in any case after {@code maximumLifetime}. An owner holds at most {@code perUserLimit} sessions and the service
 * at most {@code totalLimit}; when a limit is reached, {@code whenFull} either ends the owner's least recently
 * used session (the portal: a forgotten browser must not lock its owner out) or refuses the new one (the admin
 * console, seed 000 §34: an administrator's sessions are counted, not silently replaced).
 */
public record SessionPolicy(Duration idleTimeout, Duration maximumLifetime, int perUserLimit, int totalLimit, WhenFull whenFull) {
    public enum WhenFull {
        END_OLDEST, REFUSE
    }

    public SessionPolicy {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maximumLifetime.compareTo(idleTimeout) < 0
                || perUserLimit < 1 || totalLimit < perUserLimit) {
            throw new IllegalArgumentException("Session timeouts must be positive, the lifetime at least the idle timeout,"
                    + " the per-user limit at least 1 and the total limit at least the per-user limit");
        }
    }
}
