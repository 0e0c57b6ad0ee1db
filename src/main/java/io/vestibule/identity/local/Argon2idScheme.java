package io.vestibule.identity.local;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import io.vestibule.crypto.CryptoPolicy.PasswordHashing;

/**
 * Argon2id (RFC 9106) in the PHC string form of {@link PasswordHash}. Bouncy Castle's bcprov computes it, so the FIPS
 * build, which carries the FIPS module instead, never loads this class.
 */
final class Argon2idScheme implements PasswordHashScheme {
    static final String PREFIX = "$argon2id$";

    private final PasswordHashing cost;

    Argon2idScheme(PasswordHashing cost) {
        this.cost = Objects.requireNonNull(cost);
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
        byte[] derived = argon2id(password, cost, salt);
        try {
            return new PasswordHash(cost, salt, derived).encoded();
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    @Override
    public boolean matches(byte[] password, String encoded) {
        return PasswordHash.parse(encoded).map(stored -> {
            byte[] derived = argon2id(password, stored.cost(), stored.salt());
            try {
                return MessageDigest.isEqual(derived, stored.hash());
            } finally {
                Arrays.fill(derived, (byte) 0);
            }
        }).orElse(false);
    }

    @Override
    public boolean weakerThanPolicy(String encoded) {
        return PasswordHash.parse(encoded).map(PasswordHash::cost).map(stored ->
                stored.memoryKiB() < cost.memoryKiB() || stored.iterations() < cost.iterations()
                        || stored.parallelism() < cost.parallelism() || stored.saltBytes() < cost.saltBytes()
                        || stored.hashBytes() < cost.hashBytes()).orElse(true);
    }

    private static byte[] argon2id(byte[] password, PasswordHashing cost, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] derived = new byte[cost.hashBytes()];
        generator.generateBytes(password, derived);
        return derived;
    }
}
