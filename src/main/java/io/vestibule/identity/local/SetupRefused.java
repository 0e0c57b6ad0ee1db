package io.vestibule.identity.local;

/** First-start setup refused: no setup is pending any more, or the code is not the one printed. */
public class SetupRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        CLOSED, INVALID_CODE
    }

    private final Reason reason;

    public SetupRefused(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
