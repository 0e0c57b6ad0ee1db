package io.vestibule.cdr.journal;

/**
 * The journal can take no more records until the service restarts: forcing it to disk failed, so what the disk holds
 * is unknown (Linux may have marked the pages clean without writing them), or a failed write could not be undone.
 * Writing on could put a sequence in the journal twice.
 */
public final class JournalBroken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalBroken(String message, Throwable cause) {
        super(message, cause);
    }
}
