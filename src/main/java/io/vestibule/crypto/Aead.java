package io.vestibule.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticated encryption with the policy's AEAD (AES-256-GCM) and a fresh random nonce per message.
 *
 * <p>The associated data binds a ciphertext to its place (for example a room id and "host PIN"), so a value
 * copied into another row or column fails to open instead of being accepted.
 * The sealed form is {@code nonce || ciphertext || tag}.
 */
public final class Aead {
    private final CryptoPolicy policy;
    private final SecureRandom random;

    public Aead(CryptoPolicy policy, SecureRandom random) {
        this.policy = policy;
        this.random = random;
    }

    public byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[policy.aeadNonceBytes()];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(policy.aeadTransformation());
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(policy.aeadTagBits(), nonce));
            cipher.updateAAD(associatedData);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD encryption failed", e);
        }
    }

    /** Opens a sealed value; throws {@link SealBroken} when the key, the data or the associated data differ. */
    public byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) {
        int nonceBytes = policy.aeadNonceBytes();
        if (sealed.length < nonceBytes + policy.aeadTagBits() / 8) {
            throw new SealBroken("sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(policy.aeadTransformation());
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(policy.aeadTagBits(), Arrays.copyOfRange(sealed, 0, nonceBytes)));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, nonceBytes, sealed.length - nonceBytes);
        } catch (AEADBadTagException e) {
            throw new SealBroken("authentication tag does not match");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD decryption failed", e);
        }
    }

    /** A sealed value that does not open: wrong key, altered bytes or another place. */
    public static final class SealBroken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SealBroken(String message) {
            super(message);
        }
    }
}
