package io.vestibule.platform;

import java.util.Optional;
import java.util.UUID;

/** Ids that arrive as text (paths, messages, token claims): only the canonical 36-character form names anything. */
public final class Uuids {
    private static final int CANONICAL_LENGTH = 36;

    private Uuids() {
    }

    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != CANONICAL_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
