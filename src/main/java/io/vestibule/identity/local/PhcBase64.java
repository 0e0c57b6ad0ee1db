package io.vestibule.identity.local;

import java.util.Base64;
import java.util.Optional;

/** The Base64 of stored password hashes (PHC string format): standard alphabet, no padding, one spelling per value. */
final class PhcBase64 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private PhcBase64() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Only the canonical encoding: a string whose unused trailing bits were altered is another string, refused. */
    static Optional<byte[]> decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return ENCODER.encodeToString(bytes).equals(base64) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
