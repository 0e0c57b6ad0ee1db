package io.vestibule.identity;

import java.time.Duration;

/** A portal sign-in that did not succeed, with the reason a user may be told. */
public final class PortalSignInRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        INVALID_CREDENTIALS, NOT_PERMITTED, DIRECTORY_UNAVAILABLE,
        /** Too many failed sign-ins for the account or from the address (R-BRUTE-4). */
        BLOCKED,
        /** The service holds as many sessions as it allows. */
        BUSY
    }

    private final Reason reason;
    private final Duration retryAfter;

    public PortalSignInRefused(Reason reason) {
        this(reason, Duration.ZERO);
    }

    public PortalSignInRefused(Reason reason, Duration retryAfter) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
