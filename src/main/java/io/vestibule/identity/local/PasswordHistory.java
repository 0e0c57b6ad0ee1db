package io.vestibule.identity.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An administrator's password hashes, newest first: the current password, then those before it; and when the
 * current one was set. A history without passwords (a new account) has no such time.
 */
public record PasswordHistory(List<String> hashes, Instant currentSetAt) {
    private static final PasswordHistory EMPTY = new PasswordHistory(List.of(), null);

    public PasswordHistory {
        hashes = List.copyOf(hashes);
        if (hashes.isEmpty() != (currentSetAt == null)) {
            throw new IllegalArgumentException("A history says when its newest password was set, and only a history with passwords");
        }
    }

    public static PasswordHistory empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return hashes.isEmpty();
    }

    /** The history after a new password set at {@code setAt}, keeping the {@code keep} newest hashes. */
    public PasswordHistory withNewest(String encoded, Instant setAt, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("A history keeps at least the current password");
        }
        List<String> kept = new ArrayList<>(keep);
        kept.add(Objects.requireNonNull(encoded));
        hashes.stream().limit(keep - 1L).forEach(kept::add);
        return new PasswordHistory(kept, Objects.requireNonNull(setAt));
    }

    /** Without the hashes, which are not for logs. */
    @Override
    public String toString() {
        return "PasswordHistory[size=" + hashes.size() + ", currentSetAt=" + currentSetAt + "]";
    }
}
