package io.vestibule.cdr;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A call record as it is journaled and stored: its place in the chain, when it happened, the data key that sealed it,
 * the sealed event, its keyed blind indexes and its chain hash. Nothing in it reveals the event without the key.
 *
 * @param indexes room, participant, display name and outcome, each a keyed hash (or empty when not applicable)
 */
public record SealedRecord(long sequence, Instant occurredAt, int keyId, byte[] ciphertext, BlindIndexes indexes, byte[] chainHash) {
    public record BlindIndexes(String room, String participant, String name, String outcome) {
        public BlindIndexes {
            Objects.requireNonNull(room);
            Objects.requireNonNull(participant);
            Objects.requireNonNull(name);
            Objects.requireNonNull(outcome);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedRecord that && sequence == that.sequence && occurredAt.equals(that.occurredAt)
                && keyId == that.keyId && Arrays.equals(ciphertext, that.ciphertext) && indexes.equals(that.indexes)
                && Arrays.equals(chainHash, that.chainHash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "SealedRecord[" + sequence + "]";
    }
}
