package io.vestibule.cdr.keys;

import java.time.LocalDate;
import java.util.Optional;

/** A day's call-record data key as stored: wrapped by a key-encryption key, or destroyed (its records unreadable). */
public record StoredDayKey(int id, LocalDate day, String kekAlias, Optional<byte[]> wrapped) {
    public boolean destroyed() {
        return wrapped.isEmpty();
    }

    @Override
    public String toString() {
        return "StoredDayKey[" + id + ", " + day + (destroyed() ? ", destroyed" : "") + "]";
    }
}
