package io.vestibule.access.token;

import java.util.List;

/**
 * Where token signing keys are kept, shared by every node of a cluster. Keys are never changed once added:
 * a key is added when it is created and removed when it is no longer published.
 */
public interface SigningKeyStore {

    List<StoredSigningKey> all();

    void add(StoredSigningKey key);

    /** Removes the key if it is there; removing an absent key is not an error (another node may have done it). */
    void remove(String kid);
}
