package io.vestibule.identity;

/** A portal sign-in that did not succeed, with the reason a user may be told. */
public final class PortalSignInRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        INVALID_CREDENTIALS, NOT_PERMITTED, DIRECTORY_UNAVAILABLE
    }

    private final Reason reason;

    public PortalSignInRefused(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
