package io.vestibule.identity.local;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vestibule.crypto.CryptoPolicy.PasswordHashing;

/**
 * A stored Argon2id password hash in the PHC string format: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>},
 * salt and hash in standard Base64 without padding.
 */
final class PasswordHash {
    // Stored hashes are input: the ceilings keep a planted one from costing more than a gigabyte or a long wait.
    private static final int MAXIMUM_LENGTH = 256;
    private static final long MAXIMUM_MEMORY_KIB = 1L << 20;
    private static final long MAXIMUM_ITERATIONS = 20;
    private static final long MAXIMUM_PARALLELISM = 16;
    private static final int MAXIMUM_SALT_BYTES = 64;
    private static final int MINIMUM_HASH_BYTES = 16;
    private static final int MAXIMUM_HASH_BYTES = 64;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final PasswordHashing cost;
    private final byte[] salt;
    private final byte[] hash;

    /** Holds the arrays without copying them: the caller owns them and may clear them after use. */
    PasswordHash(PasswordHashing cost, byte[] salt, byte[] hash) {
        if (cost.saltBytes() != salt.length || cost.hashBytes() != hash.length) {
            throw new IllegalArgumentException("The salt and hash lengths must be those of the cost");
        }
        this.cost = cost;
        this.salt = salt;
        this.hash = hash;
    }

    /** The hash an encoded string stands for, or nothing if it is malformed or asks for an unreasonable cost. */
    static Optional<PasswordHash> parse(String encoded) {
        if (encoded == null || encoded.length() > MAXIMUM_LENGTH) {
            return Optional.empty();
        }
        Matcher phc = PHC.matcher(encoded);
        if (!phc.matches()) {
            return Optional.empty();
        }
        long memoryKiB = Long.parseLong(phc.group(1));
        long iterations = Long.parseLong(phc.group(2));
        long parallelism = Long.parseLong(phc.group(3));
        Optional<byte[]> salt = PhcBase64.decode(phc.group(4));
        Optional<byte[]> hash = PhcBase64.decode(phc.group(5));
        if (iterations > MAXIMUM_ITERATIONS || parallelism > MAXIMUM_PARALLELISM
                || memoryKiB > MAXIMUM_MEMORY_KIB || memoryKiB < 8 * parallelism
                || salt.isEmpty() || salt.get().length < 8 || salt.get().length > MAXIMUM_SALT_BYTES
                || hash.isEmpty() || hash.get().length < MINIMUM_HASH_BYTES || hash.get().length > MAXIMUM_HASH_BYTES) {
            return Optional.empty();
        }
        PasswordHashing cost = new PasswordHashing((int) memoryKiB, (int) iterations, (int) parallelism,
                salt.get().length, hash.get().length);
        return Optional.of(new PasswordHash(cost, salt.get(), hash.get()));
    }

    String encoded() {
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + PhcBase64.encode(salt) + "$" + PhcBase64.encode(hash);
    }

    PasswordHashing cost() {
        return cost;
    }

    byte[] salt() {
        return salt;
    }

    byte[] hash() {
        return hash;
    }
}
