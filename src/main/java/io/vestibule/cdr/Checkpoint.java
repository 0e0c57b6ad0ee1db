package io.vestibule.cdr;

import java.time.Instant;

/**
 * A signed statement about the chain (R-CDR-4): "the record {@code sequence} has chain hash {@code chainHash}". A
 * checkpoint is written with every batch of records stored; an anchor where retention purged the records before
 * it, so that the chain is checked from there and a purge is told apart from a deletion.
 */
public record Checkpoint(Kind kind, long sequence, byte[] chainHash, Instant signedAt, byte[] signature) {
    public enum Kind {
        CHECKPOINT, ANCHOR
    }

    @Override
    public String toString() {
        return "Checkpoint[" + kind + " " + sequence + "]";
    }
}
