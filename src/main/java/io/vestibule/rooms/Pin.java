package io.vestibule.rooms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.vestibule.crypto.CryptoPolicy;

/**
 * A conference PIN: digits only. It never shows itself in logs or error messages ({@link #toString()} is
 * redacted); {@link #digits()} is for the owner's eyes and for sealing.
 */
public record Pin(String digits) {
    public Pin {
        if (digits == null || digits.isEmpty() || digits.length() > PinPolicy.MAXIMUM_LENGTH
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("A PIN is 1 to " + PinPolicy.MAXIMUM_LENGTH + " digits");
        }
    }

    /**
     * Compares in time independent of where the two differ and of their lengths: both sides are hashed to a
     * fixed size first, so nothing about the expected PIN leaks through timing.
     */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        CryptoPolicy policy = CryptoPolicy.standard();
        return MessageDigest.isEqual(policy.digest(digits.getBytes(StandardCharsets.US_ASCII)),
                policy.digest(candidate.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "Pin[redacted]";
    }
}
