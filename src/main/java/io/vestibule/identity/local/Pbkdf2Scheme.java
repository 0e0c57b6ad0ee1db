package io.vestibule.identity.local;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicy.Pbkdf2Hashing;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018 §5.2, NIST SP 800-132), FIPS mode's password hash, stored as
 * {@code $pbkdf2-sha256$i=600000$<salt>$<hash>} with salt and hash in standard Base64 without padding. The JCA's
 * first provider derives: the FIPS module in FIPS mode, the JDK otherwise; both read a password as UTF-8, so a hash
 * made in one mode is checked in the other.
 */
final class Pbkdf2Scheme implements PasswordHashScheme {
    static final String PREFIX = "$pbkdf2-sha256$";
    // Stored hashes are input: the ceilings keep a planted one from costing a long wait.
    private static final long MAXIMUM_ITERATIONS = 10_000_000;
    private static final int MAXIMUM_SALT_BYTES = 64;
    private static final int MAXIMUM_HASH_BYTES = 64;
    private static final Pattern FORM = Pattern.compile(
            "\\$pbkdf2-sha256\\$i=([1-9][0-9]{0,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final Pbkdf2Hashing cost;
    private final String algorithm;
    private final int shortestPassword;

    Pbkdf2Scheme(CryptoPolicy policy) {
        this(policy.fipsPasswordHashing(), policy);
    }

    Pbkdf2Scheme(Pbkdf2Hashing cost, CryptoPolicy policy) {
        this.cost = Objects.requireNonNull(cost);
        this.algorithm = policy.passwordKeyDerivation();
        this.shortestPassword = policy.fipsShortestPassword();
    }

    /** The shortest password, in UTF-8 bytes, that can be hashed: the FIPS module's floor in approved-only mode. */
    int shortestPassword() {
        return shortestPassword;
    }

    @Override
    public boolean recognises(String encoded) {
        return encoded != null && encoded.startsWith(PREFIX);
    }

    @Override
    public int saltBytes() {
        return cost.saltBytes();
    }

    @Override
    public String hash(byte[] password, byte[] salt) {
        if (password.length < shortestPassword) {
            throw new IllegalArgumentException("A password hashed with PBKDF2 needs at least " + shortestPassword + " bytes");
        }
        byte[] derived = derive(password, salt, cost.iterations(), cost.hashBytes());
        try {
            return PREFIX + "i=" + cost.iterations() + "$" + PhcBase64.encode(salt) + "$" + PhcBase64.encode(derived);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    @Override
    public boolean matches(byte[] password, String encoded) {
        return parse(encoded).map(stored -> {
            // No hash was made of a password this short; deriving from a stand-in keeps the time the same.
            boolean hashable = password.length >= shortestPassword;
            byte[] input = hashable ? password : new byte[shortestPassword];
            byte[] derived = derive(input, stored.salt(), stored.iterations(), stored.hash().length);
            try {
                return MessageDigest.isEqual(derived, stored.hash()) && hashable;
            } finally {
                Arrays.fill(derived, (byte) 0);
            }
        }).orElse(false);
    }

    @Override
    public boolean weakerThanPolicy(String encoded) {
        return parse(encoded).map(stored -> stored.iterations() < cost.iterations()
                || stored.salt().length < cost.saltBytes() || stored.hash().length < cost.hashBytes()).orElse(true);
    }

    private record Stored(int iterations, byte[] salt, byte[] hash) {
    }

    private static Optional<Stored> parse(String encoded) {
        if (encoded == null || encoded.length() > 256) {
            return Optional.empty();
        }
        Matcher form = FORM.matcher(encoded);
        if (!form.matches()) {
            return Optional.empty();
        }
        long iterations = Long.parseLong(form.group(1));
        Optional<byte[]> salt = PhcBase64.decode(form.group(2));
        Optional<byte[]> hash = PhcBase64.decode(form.group(3));
        if (iterations < 1000 || iterations > MAXIMUM_ITERATIONS
                || salt.isEmpty() || salt.get().length < 16 || salt.get().length > MAXIMUM_SALT_BYTES
                || hash.isEmpty() || hash.get().length < 14 || hash.get().length > MAXIMUM_HASH_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new Stored((int) iterations, salt.get(), hash.get()));
    }

    private byte[] derive(byte[] password, byte[] salt, int iterations, int hashBytes) {
        // PBEKeySpec takes characters, which each provider encodes as UTF-8 again: well-formed UTF-8 decodes to
        // characters that encode back to the very same bytes.
        CharBuffer characters = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(password));
        char[] chars = Arrays.copyOf(characters.array(), characters.limit());
        Arrays.fill(characters.array(), '\0');
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, hashBytes * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No provider derives " + algorithm, e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
