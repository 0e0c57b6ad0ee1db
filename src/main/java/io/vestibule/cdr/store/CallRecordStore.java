package io.vestibule.cdr.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.vestibule.cdr.Checkpoint;
import io.vestibule.cdr.SealedRecord;

/** Where sealed call records and their checkpoints are kept for auditors. */
public interface CallRecordStore {
    /** The highest sequence stored, or 0. */
    long lastSequence();

    /** Stores records (in sequence order, after the last stored) with the checkpoint of the last, in one transaction. */
    void add(List<SealedRecord> records, Checkpoint checkpoint);

    /** Puts every committed record on stable storage: the journal deletes a shipped segment only after this. */
    void forceToDisk();

    Optional<SealedRecord> bySequence(long sequence);

    /**
     * Records in {@code [from, to)}, newest first, at most {@code limit}, whose room, participant, name and outcome
     * index is one of the given values (an empty collection places no condition).
     */
    List<SealedRecord> find(Instant from, Instant to, Collection<String> rooms, Collection<String> participants,
                            Collection<String> names, Collection<String> outcomes, int limit);

    /** Every record from {@code fromSequence} on, in sequence order, as stored. */
    void forEachFrom(long fromSequence, Consumer<SealedRecord> action);

    List<Checkpoint> checkpoints();

    /** Deletes the records before {@code cutoff} and their checkpoints, and adds the anchor; returns how many went. */
    int purgeBefore(Instant cutoff, Optional<Checkpoint> anchor);

    /** The first stored record after {@code cutoff}'s purge would keep, to anchor the chain there. */
    Optional<SealedRecord> firstFrom(Instant cutoff);

    /** The record just before {@code sequence}, if stored. */
    Optional<SealedRecord> lastBefore(long sequence);
}
