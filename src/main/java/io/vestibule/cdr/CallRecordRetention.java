package io.vestibule.cdr;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.store.CallRecordStore;

/**
 * Retention (R-CDR-6): the data keys of days older than the retention period are destroyed first (from then on
 * those records are unreadable wherever a copy lies: backups, the journal, a database dump), then the records are
 * deleted and a signed anchor records where the chain now starts.
 */
public final class CallRecordRetention {
    public record Purge(LocalDate before, int keysDestroyed, int recordsDeleted) {
    }

    private final CallRecordKeys keys;
    private final CallRecordStore store;
    private final CheckpointSignatures signatures;
    private final CallRecordPipeline.CheckpointKey checkpointKey;
    private final Clock clock;
    private final int retentionDays;

    public CallRecordRetention(CallRecordKeys keys, CallRecordStore store, CheckpointSignatures signatures,
                               CallRecordPipeline.CheckpointKey checkpointKey, Clock clock, int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("Call records are kept at least one day");
        }
        this.keys = keys;
        this.store = store;
        this.signatures = signatures;
        this.checkpointKey = checkpointKey;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    public Purge purge() {
        Instant now = clock.instant();
        LocalDate firstKept = now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(retentionDays);
        Instant cutoff = firstKept.atStartOfDay().toInstant(ZoneOffset.UTC);
        int destroyed = keys.destroyBefore(firstKept);
        Optional<Checkpoint> anchor = anchorAt(cutoff, now);
        int deleted = store.purgeBefore(cutoff, anchor);
        return new Purge(firstKept, destroyed, deleted);
    }

    /** The first kept record, with the hash of the record before it; none when nothing precedes it. */
    private Optional<Checkpoint> anchorAt(Instant cutoff, Instant now) {
        Optional<SealedRecord> firstKept = store.firstFrom(cutoff);
        Optional<SealedRecord> lastPurged = firstKept.isPresent()
                ? store.lastBefore(firstKept.get().sequence())
                : store.bySequence(store.lastSequence());
        if (lastPurged.isEmpty()) {
            return Optional.empty();
        }
        long anchorSequence = firstKept.map(SealedRecord::sequence).orElse(lastPurged.get().sequence() + 1);
        return Optional.of(signatures.sign(checkpointKey.privateKey(), checkpointKey.publicKey(), Checkpoint.Kind.ANCHOR,
                anchorSequence, lastPurged.get().chainHash(), now));
    }
}
