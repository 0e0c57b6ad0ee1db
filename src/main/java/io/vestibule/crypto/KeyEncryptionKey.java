package io.vestibule.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;

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
    /** The provider that holds the key (a PKCS#11 token), or null for the JCA's default choice. */
    private final Provider provider;

    KeyEncryptionKey(String alias, SecretKey key, CryptoPolicy policy) {
        this(alias, key, policy, null);
    }

    KeyEncryptionKey(String alias, SecretKey key, CryptoPolicy policy, Provider provider) {
        this.alias = alias;
        this.key = key;
        this.policy = policy;
        this.provider = provider;
    }

    public String alias() {
        return alias;
    }

    public byte[] wrap(SecretKey dataKey) {
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.WRAP_MODE, key);
            return cipher.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap a data key with " + alias, e);
        }
    }

    public SecretKey unwrap(byte[] wrapped, String keyAlgorithm) {
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.UNWRAP_MODE, key);
            return (SecretKey) cipher.unwrap(wrapped, keyAlgorithm, Cipher.SECRET_KEY);
        } catch (GeneralSecurityException e) {
            throw new Aead.SealBroken("data key does not unwrap with " + alias);
        }
    }

    private Cipher cipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(policy.keyWrapTransformation())
                : Cipher.getInstance(policy.keyWrapTransformation(), provider);
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + alias + "]";
    }
}
