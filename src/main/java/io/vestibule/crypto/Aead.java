package io.vestibule.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
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
 *
 * <p>Each thread keeps a cipher of its own: {@code Cipher.getInstance} searches the provider list, and a fresh
 * cipher expands the AES key again, which together cost more than sealing a short message (call records,
 * docs/performance.md). Every use initialises the cipher anew with its key and nonce, so no state carries over.
 * Likewise each thread draws its random nonces from the generator {@value #NONCES_PER_DRAW} at a time: a request to
 * the DRBG for 12 bytes cost nearly as much as the encryption of a 500-byte message.
 */
public final class Aead {
    static final int NONCES_PER_DRAW = 32;

    private final CryptoPolicy policy;
    private final SecureRandom random;
    private final ThreadLocal<Cipher> ciphers;
    private final ThreadLocal<Nonces> nonces;

    public Aead(CryptoPolicy policy, SecureRandom random) {
        this.policy = policy;
        this.random = random;
        this.ciphers = ThreadLocal.withInitial(this::newCipher);
        this.nonces = ThreadLocal.withInitial(() -> new Nonces(policy.aeadNonceBytes()));
    }

    public byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
        int nonceBytes = policy.aeadNonceBytes();
        byte[] sealed = new byte[nonceBytes + plaintext.length + policy.aeadTagBits() / 8];
        byte[] nonce = nonces.get().next(random);
        System.arraycopy(nonce, 0, sealed, 0, nonceBytes);
        try {
            Cipher cipher = initialised(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(policy.aeadTagBits(), nonce));
            cipher.updateAAD(associatedData);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, sealed, nonceBytes);
            if (written != sealed.length - nonceBytes) {
                throw new IllegalStateException("AEAD encryption wrote " + written + " bytes, not " + (sealed.length - nonceBytes));
            }
            return sealed;
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
            Cipher cipher = initialised(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(policy.aeadTagBits(), sealed, 0, nonceBytes));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, nonceBytes, sealed.length - nonceBytes);
        } catch (AEADBadTagException e) {
            throw new SealBroken("authentication tag does not match");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD decryption failed", e);
        }
    }

    /** This thread's cipher, or a fresh one for a key its provider does not take (a key held by a token). */
    private Cipher initialised(int mode, SecretKey key, GCMParameterSpec parameters) throws GeneralSecurityException {
        Cipher cipher = ciphers.get();
        try {
            cipher.init(mode, key, parameters);
            return cipher;
        } catch (InvalidKeyException anotherProvidersKey) {
            Cipher fresh = newCipher();
            fresh.init(mode, key, parameters);
            return fresh;
        }
    }

    private Cipher newCipher() {
        try {
            return Cipher.getInstance(policy.aeadTransformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no " + policy.aeadTransformation(), e);
        }
    }

    /** A thread's random nonces, drawn in bulk and each handed out once. */
    private static final class Nonces {
        private final byte[] drawn;
        private final int nonceBytes;
        private int next;

        Nonces(int nonceBytes) {
            this.nonceBytes = nonceBytes;
            this.drawn = new byte[nonceBytes * NONCES_PER_DRAW];
            this.next = drawn.length;
        }

        byte[] next(SecureRandom random) {
            if (next == drawn.length) {
                random.nextBytes(drawn);
                next = 0;
            }
            byte[] nonce = Arrays.copyOfRange(drawn, next, next + nonceBytes);
            next += nonceBytes;
            return nonce;
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
