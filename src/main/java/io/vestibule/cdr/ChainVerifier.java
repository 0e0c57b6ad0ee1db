package io.vestibule.cdr;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.store.CallRecordStore;

/**
 * Checks the stored call records against their chain and signed checkpoints (R-CDR-4), without any key: a missing
 * sequence number is a deletion, a record whose hash does not follow from its predecessor was altered or moved, a
 * checkpoint that disagrees with the stored chain means the chain was rewritten, and a checkpoint beyond the last
 * record means records at the end were deleted. Retention's purge leaves a signed anchor, where the check starts.
 * A record sealed under a day key the database never held, or no longer holds at all, is reported too: retention
 * destroys a key's value but keeps its row, so such a record's key was lost, not purged (issue 21).
 */
public final class ChainVerifier {
    public record Finding(long sequence, String problem) {
    }

    public record Report(long recordsChecked, long firstSequence, long lastSequence, int checkpointsChecked,
                         Optional<Long> lastCheckpoint, List<Finding> findings) {
        public boolean intact() {
            return findings.isEmpty();
        }
    }

    private final HashChain chain;
    private final CheckpointSignatures signatures;
    private final CallRecordKeys keys;

    public ChainVerifier(HashChain chain, CheckpointSignatures signatures, CallRecordKeys keys) {
        this.chain = chain;
        this.signatures = signatures;
        this.keys = keys;
    }

    public Report verify(CallRecordStore store, PublicKey checkpointKey) {
        List<Finding> findings = new ArrayList<>();
        List<Checkpoint> checkpoints = store.checkpoints();
        for (Checkpoint checkpoint : checkpoints) {
            if (!signatures.valid(checkpointKey, checkpoint)) {
                findings.add(new Finding(checkpoint.sequence(), "the " + checkpoint.kind().name().toLowerCase() + " at this record is not"
                        + " signed by this service's checkpoint key: forged or altered"));
            }
        }
        Optional<Checkpoint> anchor = checkpoints.stream().filter(c -> c.kind() == Checkpoint.Kind.ANCHOR)
                .max(Comparator.comparingLong(Checkpoint::sequence));
        Map<Long, Checkpoint> signedAt = new HashMap<>();
        checkpoints.stream().filter(c -> c.kind() == Checkpoint.Kind.CHECKPOINT).forEach(c -> signedAt.put(c.sequence(), c));

        long start = anchor.map(Checkpoint::sequence).orElse(1L);
        Walk walk = new Walk(start, anchor.map(Checkpoint::chainHash).orElse(HashChain.GENESIS), keys.everMade());
        store.forEachFrom(0, record -> walk.visit(record, signedAt, findings));
        long lastCheckpoint = signedAt.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (lastCheckpoint > walk.last) {
            findings.add(new Finding(walk.last + 1, "records " + (walk.last + 1) + " to " + lastCheckpoint
                    + " were deleted: a checkpoint was signed at " + lastCheckpoint));
        }
        return new Report(walk.checked, walk.first, walk.last, checkpoints.size(),
                lastCheckpoint == 0 ? Optional.empty() : Optional.of(lastCheckpoint), List.copyOf(findings));
    }

    /** The state of one pass over the records in sequence order. */
    private final class Walk {
        private long expected;
        private byte[] previous;
        private long checked;
        private long first;
        private long last;
        private final Set<Integer> keyIds;
        private final Set<Integer> lostKeysReported = new HashSet<>();

        Walk(long expected, byte[] previous, Set<Integer> keyIds) {
            this.expected = expected;
            this.previous = previous;
            this.last = expected - 1;
            this.keyIds = keyIds;
        }

        void visit(SealedRecord record, Map<Long, Checkpoint> signedAt, List<Finding> findings) {
            if (record.sequence() < expected) {
                findings.add(new Finding(record.sequence(), "a record before the chain's anchor: inserted after the purge"));
                return;
            }
            if (checked == 0) {
                first = record.sequence();
            }
            checked++;
            if (record.sequence() > expected) {
                findings.add(new Finding(expected, record.sequence() - expected == 1 ? "record " + expected + " was deleted"
                        : "records " + expected + " to " + (record.sequence() - 1) + " were deleted"));
            } else if (!Arrays.equals(chain.of(previous, record), record.chainHash())) {
                findings.add(new Finding(record.sequence(), "record " + record.sequence()
                        + " was altered or moved: its hash does not follow from the record before it"));
            }
            if (!keyIds.contains(record.keyId()) && lostKeysReported.add(record.keyId())) {
                findings.add(new Finding(record.sequence(), "record " + record.sequence() + " and those after it sealed under day key "
                        + record.keyId() + " cannot be read: the database has no such key, so it was lost, not destroyed by retention;"
                        + " restore the database from a backup"));
            }
            Checkpoint checkpoint = signedAt.get(record.sequence());
            if (checkpoint != null && !Arrays.equals(checkpoint.chainHash(), record.chainHash())) {
                findings.add(new Finding(record.sequence(), "the chain was rewritten up to record " + record.sequence()
                        + ": it no longer matches the checkpoint signed there"));
            }
            // Continue from what is stored, so one tampered record is reported once, not with every record after it.
            previous = record.chainHash();
            expected = record.sequence() + 1;
            last = record.sequence();
        }
    }
}
