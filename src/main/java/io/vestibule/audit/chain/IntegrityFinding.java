package io.vestibule.audit.chain;

/** One thing wrong with the audit files, where it is: a file name and a line (1-based; 0 for the file as a whole). */
public record IntegrityFinding(Kind kind, String file, long line, String message) {
    public enum Kind {
        /** Records or whole files missing from the chain. */
        DELETED,
        /** A line that changed after it was written, or a checkpoint whose signature does not verify. */
        ALTERED,
        /** A line that was never part of the chain. */
        INSERTED,
        /** A record that is not where it was written. */
        REORDERED,
        /** A file that ends before its signed checkpoint. */
        TRUNCATED
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
