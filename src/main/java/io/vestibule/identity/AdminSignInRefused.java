package io.vestibule.identity;

import java.time.Duration;

/** An administrator sign-in that did not succeed, with the reason the administrator may be told. */
public final class AdminSignInRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        INVALID_CREDENTIALS,
        /** The directory accepted the password, but no role mapping gives the account an administrator role. */
        NOT_PERMITTED,
        DIRECTORY_UNAVAILABLE,
        /** Too many failed sign-ins for the account or from the address (R-BRUTE-4). */
        BLOCKED,
        /** The account, or the console as a whole, already has the most sessions allowed (R-ADM-7). */
        SESSION_LIMIT,
        /** The password is right but has expired or was set by someone else: it may only be used to set a new one. */
        PASSWORD_EXPIRED,
        /** Client certificates are required (R-ADM-5): no password form. */
        CERTIFICATE_REQUIRED,
        CERTIFICATE_MISSING,
        /** The certificate names nobody the authentication source knows. */
        CERTIFICATE_UNKNOWN
    }

    private final Reason reason;
    private final Duration retryAfter;

    public AdminSignInRefused(Reason reason) {
        this(reason, Duration.ZERO);
    }

    public AdminSignInRefused(Reason reason, Duration retryAfter) {
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
