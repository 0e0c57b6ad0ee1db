package io.vestibule.crypto.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where wrapped data keys are kept. */
public interface DataKeyRepository {
    Optional<DataKey> find(int id);

    /** The newest data key of a purpose that is not retired. */
    Optional<DataKey> findActive(String purpose);

    /** Every data key not retired, of every purpose. */
    List<DataKey> active();

    /** Retires a data key, committed at once. */
    void retire(int id, Instant at);

    /** Stores a new data key and commits it at once, whatever the caller's transaction does afterwards. */
    DataKey addCommitted(DataKey key);

    /** For each key-encryption key that wrapped a data key, its first data key: what proves the key is the right one. */
    List<DataKey> firstOfEachKeyEncryptionKey();
}
