package io.vestibule.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * A key-encryption key from the master key store: it wraps and unwraps data keys and never leaves the store
 * in any other form. The alias names its version (kek-1, kek-2, ...).
 */
public final class KeyEncryptionKey {
    private final String alias;
    private final SecretKey key;
    private final CryptoPolicy policy;

    KeyEncryptionKey(String alias, SecretKey key, CryptoPolicy policy) {
        this.alias = alias;
        this.key = key;
        this.policy = policy;
    }

    public String alias() {
        return alias;
    }

    public byte[] wrap(SecretKey dataKey) {
        try {
            Cipher cipher = Cipher.getInstance(policy.keyWrapTransformation());
            cipher.init(Cipher.WRAP_MODE, key);
            return cipher.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap a data key with " + alias, e);
        }
    }

    public SecretKey unwrap(byte[] wrapped, String keyAlgorithm) {
        try {
            Cipher cipher = Cipher.getInstance(policy.keyWrapTransformation());
            cipher.init(Cipher.UNWRAP_MODE, key);
            return (SecretKey) cipher.unwrap(wrapped, keyAlgorithm, Cipher.SECRET_KEY);
        } catch (GeneralSecurityException e) {
            throw new Aead.SealBroken("data key does not unwrap with " + alias);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + alias + "]";
    }
}
