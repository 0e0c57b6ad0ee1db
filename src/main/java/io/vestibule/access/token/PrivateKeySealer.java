package io.vestibule.access.token;

/**
 * Seals token signing keys before they are stored; private keys are never stored unsealed. Production seals
 * with the AES-256-GCM data-key ring. The kid is bound to the sealed value (associated data), so a sealed key
 * copied under another kid does not open.
 */
public interface PrivateKeySealer {

    byte[] seal(byte[] pkcs8, String kid);

    /** The PKCS#8 bytes; throws if the value was altered or belongs to another kid. */
    byte[] open(byte[] sealed, String kid);
}
