package io.vestibule.cdr;

/**
 * The call-record journal and the database hold different records under one sequence number: one of them was
 * replaced (a foreign backup, a journal from another installation) or tampered with. Nothing more is written, since
 * whichever chain went on would hide the other.
 */
public final class RecordsDisagree extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    RecordsDisagree(long sequence) {
        super("The call-record journal and the database hold different versions of record " + sequence
                + "; no call record is written until they are reconciled (see docs/admin-guide.md, \"Call records\")");
    }
}
