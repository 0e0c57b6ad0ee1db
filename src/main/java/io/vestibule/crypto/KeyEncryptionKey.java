package io.vestibule.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key: it wraps and unwraps data keys and never leaves its store in any other form. The alias
 * names its version (kek-1, kek-2, ...).
 *
 * <p>A key from the master key store wraps with {@link CryptoPolicy#keyWrapTransformation()} (RFC 3394). A key
 * held by a PKCS#11 token wraps with {@link CryptoPolicy#tokenKeyWrapTransformation()}, done by the token, in the
 * form {@code nonce || ciphertext || tag}; see that method for why the two differ.
 */
public final class KeyEncryptionKey {
    /** Associated data of token-wrapped data keys: nothing else the token key ever encrypted passes for one. */
    private static final byte[] TOKEN_WRAP_CONTEXT = "vestibule data key".getBytes(StandardCharsets.US_ASCII);

    private final String alias;
    private final SecretKey key;
    private final CryptoPolicy policy;
    /** The provider of the token that holds the key, or null for a key in the master key store. */
    private final Provider provider;
    private final SecureRandom random;

    KeyEncryptionKey(String alias, SecretKey key, CryptoPolicy policy) {
        this(alias, key, policy, null, null);
    }

    /** A key held by a token: {@code random} gives the nonces of its wraps. */
    KeyEncryptionKey(String alias, SecretKey key, CryptoPolicy policy, Provider provider, SecureRandom random) {
        this.alias = alias;
        this.key = key;
        this.policy = policy;
        this.provider = provider;
        this.random = random;
    }

    public String alias() {
        return alias;
    }

    public byte[] wrap(SecretKey dataKey) {
        if (provider != null) {
            return wrapOnToken(dataKey);
        }
        try {
            Cipher cipher = Cipher.getInstance(policy.keyWrapTransformation());
            cipher.init(Cipher.WRAP_MODE, key);
            return cipher.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap a data key with " + alias, e);
        }
    }

    public SecretKey unwrap(byte[] wrapped, String keyAlgorithm) {
        if (provider != null) {
            return unwrapOnToken(wrapped, keyAlgorithm);
        }
        try {
            Cipher cipher = Cipher.getInstance(policy.keyWrapTransformation());
            cipher.init(Cipher.UNWRAP_MODE, key);
            return (SecretKey) cipher.unwrap(wrapped, keyAlgorithm, Cipher.SECRET_KEY);
        } catch (GeneralSecurityException e) {
            throw new Aead.SealBroken("data key does not unwrap with " + alias);
        }
    }

    private byte[] wrapOnToken(SecretKey dataKey) {
        byte[] value = dataKey.getEncoded();
        if (value == null) {
            throw new IllegalStateException("A data key must be a key whose value the service holds; this one has none");
        }
        byte[] nonce = new byte[policy.aeadNonceBytes()];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(policy.tokenKeyWrapTransformation(), provider);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(policy.aeadTagBits(), nonce));
            cipher.updateAAD(TOKEN_WRAP_CONTEXT);
            byte[] sealed = cipher.doFinal(value);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The token could not wrap a data key with " + alias, e);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    private SecretKey unwrapOnToken(byte[] wrapped, String keyAlgorithm) {
        int nonceBytes = policy.aeadNonceBytes();
        if (wrapped.length <= nonceBytes + policy.aeadTagBits() / 8) {
            throw new Aead.SealBroken("wrapped data key is too short for " + alias);
        }
        byte[] value = null;
        try {
            Cipher cipher = Cipher.getInstance(policy.tokenKeyWrapTransformation(), provider);
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(policy.aeadTagBits(), Arrays.copyOfRange(wrapped, 0, nonceBytes)));
            cipher.updateAAD(TOKEN_WRAP_CONTEXT);
            value = cipher.doFinal(wrapped, nonceBytes, wrapped.length - nonceBytes);
            return new SecretKeySpec(value, keyAlgorithm);
        } catch (AEADBadTagException | IllegalBlockSizeException e) {
            throw new Aead.SealBroken("data key does not unwrap with " + alias);
        } catch (GeneralSecurityException e) {
            // Not a verdict on the wrapped key: the token failed (logged out, removed), so say that instead.
            throw new IllegalStateException("The token could not unwrap a data key with " + alias, e);
        } finally {
            if (value != null) {
                Arrays.fill(value, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + alias + "]";
    }
}
