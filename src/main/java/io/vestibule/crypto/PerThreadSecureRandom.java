package io.vestibule.crypto;

import java.security.SecureRandom;
import java.security.SecureRandomParameters;
import java.util.function.Supplier;

/**
 * One SecureRandom for the whole service that hands each thread a generator of its own. The JDK's DRBG and
 * NativePRNG serialise every caller on one lock; on the join path (token ids, ECDSA nonces, AEAD nonces) that lock
 * was the most contended monitor of the process under load. Each thread's generator is an independent DRBG of the
 * crypto policy, seeded by the operating system, so no output depends on another thread's.
 */
final class PerThreadSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final transient ThreadLocal<SecureRandom> generators;
    private final String algorithm;

    PerThreadSecureRandom(Supplier<SecureRandom> newGenerator) {
        super(null, null);
        SecureRandom first = newGenerator.get();
        this.algorithm = first.getAlgorithm();
        this.generators = ThreadLocal.withInitial(newGenerator);
        this.generators.set(first);
    }

    /** This thread's generator. */
    SecureRandom current() {
        return generators.get();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        current().nextBytes(bytes);
    }

    @Override
    public void nextBytes(byte[] bytes, SecureRandomParameters parameters) {
        current().nextBytes(bytes, parameters);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        return current().generateSeed(numBytes);
    }

    @Override
    public void setSeed(byte[] seed) {
        current().setSeed(seed);
    }

    /** Random's constructor calls this before the generators exist; a DRBG adds a seed to its state, never replaces it. */
    @Override
    public void setSeed(long seed) {
        if (generators != null) {
            current().setSeed(seed);
        }
    }

    @Override
    public void reseed() {
        current().reseed();
    }

    @Override
    public void reseed(SecureRandomParameters parameters) {
        current().reseed(parameters);
    }

    @Override
    public SecureRandomParameters getParameters() {
        return current().getParameters();
    }

    @Override
    public String getAlgorithm() {
        return algorithm + " per thread";
    }

    @Override
    public String toString() {
        return getAlgorithm();
    }
}
