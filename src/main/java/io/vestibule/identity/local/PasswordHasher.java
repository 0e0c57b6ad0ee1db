package io.vestibule.identity.local;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicy.PasswordHashing;

/**
 * Hashes local administrator passwords with Argon2id at the cost {@link CryptoPolicy} sets (R-ADM-6), and checks a
 * password against a stored hash at the cost that hash records.
 */
public final class PasswordHasher {
    private final PasswordHashing cost;
    private final SecureRandom random;

    public PasswordHasher(CryptoPolicy policy, SecureRandom random) {
        this(policy.passwordHashing(), random);
    }

    /** At another cost than the policy's: for tests, which need cheap hashes or hashes made under an older policy. */
    PasswordHasher(PasswordHashing cost, SecureRandom random) {
        this.cost = Objects.requireNonNull(cost);
        this.random = Objects.requireNonNull(random);
    }

    /** A new hash under a fresh salt, in PHC form. The caller still owns, and should clear, the password. */
    public String hash(char[] password) {
        byte[] salt = new byte[cost.saltBytes()];
        random.nextBytes(salt);
        byte[] derived = argon2id(password, cost, salt);
        try {
            return new PasswordHash(cost, salt, derived).encoded();
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Whether the password is the one hashed; false for a malformed hash or one asking an unreasonable cost. */
    public boolean matches(char[] password, String encoded) {
        return PasswordHash.parse(encoded).map(stored -> {
            byte[] derived = argon2id(password, stored.cost(), stored.salt());
            try {
                return MessageDigest.isEqual(derived, stored.hash());
            } finally {
                Arrays.fill(derived, (byte) 0);
            }
        }).orElse(false);
    }

    /** Whether a stored hash should be replaced at the next sign-in: it is cheaper than the policy asks, or unreadable. */
    public boolean needsRehash(String encoded) {
        return PasswordHash.parse(encoded).map(PasswordHash::cost).map(stored ->
                stored.memoryKiB() < cost.memoryKiB() || stored.iterations() < cost.iterations()
                        || stored.parallelism() < cost.parallelism() || stored.saltBytes() < cost.saltBytes()
                        || stored.hashBytes() < cost.hashBytes()).orElse(true);
    }

    private static byte[] argon2id(char[] password, PasswordHashing cost, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] utf8 = utf8(password);
        byte[] derived = new byte[cost.hashBytes()];
        try {
            generator.generateBytes(utf8, derived);
            return derived;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /**
     * UTF-8 without an intermediate String, so every copy can be cleared. An unpaired surrogate becomes '?', as in
     * String.getBytes, so that hashing and checking agree and neither throws.
     */
    private static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // Three bytes per UTF-16 unit is the most UTF-8 needs, so the buffer is never reallocated behind our back.
        ByteBuffer buffer = ByteBuffer.allocate(password.length * 3);
        try {
            encoder.encode(CharBuffer.wrap(password), buffer, true);
            encoder.flush(buffer);
            return Arrays.copyOf(buffer.array(), buffer.position());
        } finally {
            Arrays.fill(buffer.array(), (byte) 0);
        }
    }
}
