package io.vestibule.cdr;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import io.vestibule.access.events.CallEvent;
import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.keys.StoredDayKey;
import io.vestibule.crypto.Aead;

/**
 * Seals call events into records and opens them again (R-CDR-3): AES-256-GCM under the day's data key, with the
 * record's sequence and key id as associated data, so a sealed event moved to another place in the chain does not
 * open; then the blind indexes and the chain hash.
 */
public final class CallRecordSealer {
    /**
     * The encryption step, {@link Aead} in the service. Package-private so that the call-record benchmark can measure
     * the pipeline against a step that keeps the plaintext, everything else being the same.
     */
    interface Encryption {
        byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData);

        byte[] open(SecretKey key, byte[] sealed, byte[] associatedData);
    }

    private final CallRecordKeys keys;
    private final Encryption encryption;
    private final BlindIndex index;
    private final HashChain chain;

    public CallRecordSealer(CallRecordKeys keys, Aead aead, BlindIndex index, HashChain chain) {
        this(keys, new Encryption() {
            @Override
            public byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
                return aead.seal(key, plaintext, associatedData);
            }

            @Override
            public byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) {
                return aead.open(key, sealed, associatedData);
            }
        }, index, chain);
    }

    CallRecordSealer(CallRecordKeys keys, Encryption encryption, BlindIndex index, HashChain chain) {
        this.keys = keys;
        this.encryption = encryption;
        this.index = index;
        this.chain = chain;
    }

    public SealedRecord seal(long sequence, byte[] previousHash, CallEvent event) {
        // Stored times keep milliseconds (every database keeps at least those), and the chain covers what is stored.
        Instant at = event.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        CallRecordKeys.DayKey key = keys.forDay(CallRecordKeys.dayOf(at));
        byte[] ciphertext = encryption.seal(key.dataKey(), CallEventJson.toBytes(event), associatedData(sequence, key.id()));
        SealedRecord.BlindIndexes indexes = index.of(key.indexKey(), event);
        byte[] hash = chain.next(previousHash, sequence, at, key.id(), ciphertext, indexes);
        return new SealedRecord(sequence, at, key.id(), ciphertext, indexes, hash);
    }

    /** The stored (wrapped) form of the day key a record was sealed with, for the journal. */
    public StoredDayKey storedDayKey(int keyId) {
        return keys.stored(keyId);
    }

    /** Puts back the day keys the journal holds and the database lost; returns them. */
    public List<StoredDayKey> restoreMissingDayKeys(Collection<StoredDayKey> journaled) {
        return keys.restoreMissing(journaled);
    }

    /** The event of a record; empty when its day's key has been destroyed. Throws {@link Aead.SealBroken} if altered. */
    public Optional<CallEvent> open(SealedRecord record) {
        return keys.byId(record.keyId()).map(key -> CallEventJson.fromBytes(
                encryption.open(key.dataKey(), record.ciphertext(), associatedData(record.sequence(), record.keyId()))));
    }

    private static byte[] associatedData(long sequence, int keyId) {
        return ByteBuffer.allocate(4 + 8 + 4).put(new byte[] {'V', 'C', 'D', 'R'}).putLong(sequence).putInt(keyId).array();
    }
}
