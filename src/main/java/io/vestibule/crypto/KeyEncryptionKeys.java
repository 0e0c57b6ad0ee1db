package io.vestibule.crypto;

/**
 * Where key-encryption keys live (R-CDR-3): the PKCS#12 master key store ({@link MasterKeyStore}, its passphrase
 * from the configuration) or a PKCS#11 token (an HSM), where they are generated and never leave. Keys have
 * versions: new data keys are wrapped by the current one; older ones stay for unwrapping what they wrapped.
 */
public interface KeyEncryptionKeys {
    KeyEncryptionKey current();

    /** The key of this alias; {@link Aead.SealBroken} when there is none. */
    KeyEncryptionKey byAlias(String alias);

    /** A new key-encryption key, which becomes current. */
    KeyEncryptionKey rotate();

    /** Where the keys are, for logs and the admin console: never a secret. */
    String describe();
}
