package io.vestibule.identity.local;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicy.PasswordHashing;

/**
 * Hashes local administrator passwords (R-ADM-6) and checks a password against a stored hash at the cost that hash
 * records: Argon2id at the cost {@link CryptoPolicy} sets, or in FIPS mode PBKDF2-HMAC-SHA256, since Argon2 is not
 * an approved algorithm. The standard build still checks PBKDF2 hashes, so leaving FIPS mode keeps every account;
 * the FIPS build cannot check Argon2id ones ({@link #checkable}), so those accounts need a new password.
 */
public final class PasswordHasher {
    private final PasswordHashScheme current;
    private final List<PasswordHashScheme> checked;
    private final int shortestPassword;
    private final SecureRandom random;

    public PasswordHasher(CryptoPolicy policy, SecureRandom random) {
        this(policy.fipsMode() ? fips(policy) : standard(policy.passwordHashing(), policy), random);
    }

    /** At another Argon2id cost than the policy's: for tests, which need cheap hashes or hashes made under an older policy. */
    PasswordHasher(PasswordHashing cost, SecureRandom random) {
        this(standard(cost, CryptoPolicy.standard()), random);
    }

    private PasswordHasher(Schemes schemes, SecureRandom random) {
        this.current = schemes.current();
        this.checked = schemes.checked();
        this.shortestPassword = schemes.shortestPassword();
        this.random = Objects.requireNonNull(random);
    }

    private record Schemes(PasswordHashScheme current, List<PasswordHashScheme> checked, int shortestPassword) {
    }

    private static Schemes standard(PasswordHashing cost, CryptoPolicy policy) {
        PasswordHashScheme argon2id = new Argon2idScheme(cost);
        return new Schemes(argon2id, List.of(argon2id, new Pbkdf2Scheme(policy)), 1);
    }

    private static Schemes fips(CryptoPolicy policy) {
        Pbkdf2Scheme pbkdf2 = new Pbkdf2Scheme(policy);
        return new Schemes(pbkdf2, List.of(pbkdf2), pbkdf2.shortestPassword());
    }

    /** A new hash under a fresh salt. The caller still owns, and should clear, the password. */
    public String hash(char[] password) {
        byte[] salt = new byte[current.saltBytes()];
        random.nextBytes(salt);
        byte[] utf8 = utf8(password);
        try {
            return current.hash(utf8, salt);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** Whether the password is the one hashed; false for a malformed hash, one asking an unreasonable cost, or one this build cannot check. */
    public boolean matches(char[] password, String encoded) {
        Optional<PasswordHashScheme> scheme = schemeOf(encoded);
        if (scheme.isEmpty()) {
            return false;
        }
        byte[] utf8 = utf8(password);
        try {
            return scheme.get().matches(utf8, encoded);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** Whether this build can check the stored hash at all: the FIPS build cannot check Argon2id. */
    public boolean checkable(String encoded) {
        return schemeOf(encoded).isPresent();
    }

    /** Whether a stored hash should be replaced at the next sign-in: another scheme, cheaper than the policy asks, or unreadable. */
    public boolean needsRehash(String encoded) {
        return !current.recognises(encoded) || current.weakerThanPolicy(encoded);
    }

    /** The fewest characters a new password may have for this build to hash it: 14 in FIPS mode, otherwise no floor. */
    public int shortestPassword() {
        return shortestPassword;
    }

    private Optional<PasswordHashScheme> schemeOf(String encoded) {
        return checked.stream().filter(scheme -> scheme.recognises(encoded)).findFirst();
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
