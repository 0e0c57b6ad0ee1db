package io.vestibule.platform.checks;

/**
 * A candidate that a check refused. The message is the rejection's code only: nothing of the candidate, often a
 * bearer credential or attacker input, goes into it. No stack trace is filled in, as refusals are routine.
 */
public abstract class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    protected Rejected(Rejection rejection) {
        super(rejection.code(), null, false, false);
    }

    public String code() {
        return getMessage();
    }
}
