package io.vestibule.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * One break-in rule: more than {@code threshold} attempts within {@code window} block the key for
 * {@code blockFor}. The window slides: it always ends at the attempt being counted, and an attempt exactly
 * {@code window} old no longer counts.
 */
public record AttemptLimit(int threshold, Duration window, Duration blockFor) {
    public AttemptLimit {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(blockFor, "blockFor");
        if (threshold < 1 || window.isNegative() || window.isZero() || blockFor.isNegative() || blockFor.isZero()) {
            throw new IllegalArgumentException("A break-in threshold, window and block time must be positive");
        }
        if (window.toMillis() < 1 || blockFor.toMillis() < 1) {
            throw new IllegalArgumentException("A break-in window and block time must be at least a millisecond");
        }
    }

    public static AttemptLimit of(int threshold, Duration window, Duration blockFor) {
        return new AttemptLimit(threshold, window, blockFor);
    }

    /** True for the (threshold + 1)-th attempt within the window and any after it. */
    public boolean exceededBy(int attemptsInWindow) {
        return attemptsInWindow > threshold;
    }

    /** How many attempts a ledger needs to keep per key to decide: one more than the threshold. */
    public int attemptsToKeep() {
        return threshold + 1;
    }
}
