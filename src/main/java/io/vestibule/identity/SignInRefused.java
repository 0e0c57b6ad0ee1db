package io.vestibule.identity;

import java.time.Duration;

/** A sign-in to the portal or the admin console that did not succeed, with the reason the person may be told. */
public final class SignInRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        INVALID_CREDENTIALS,
        /** The password is right, but the account may not use the portal (group) or the console (no administrator role). */
        NOT_PERMITTED,
        DIRECTORY_UNAVAILABLE,
        /** Too many failed sign-ins for the account or from the address (R-BRUTE-4). */
        BLOCKED,
        /**
         * The account, or the service as a whole, already has the most sessions allowed (R-ADM-7); the portal ends a
         * user's oldest session instead, so there only the service-wide bound refuses.
         */
        SESSION_LIMIT,
        /** The password is right but has expired or was set by someone else: it may only be used to set a new one. */
        PASSWORD_EXPIRED,
        /** Client certificates are required (R-ADM-5): no password form. */
        CERTIFICATE_REQUIRED,
        CERTIFICATE_MISSING,
        /** The certificate names nobody the authentication source knows. */
        CERTIFICATE_UNKNOWN,
        /** The certificate, or a CA certificate above it, is revoked. */
        CERTIFICATE_REVOKED,
        /** No revocation source could answer for the certificate, and revocation checking fails closed. */
        CERTIFICATE_REVOCATION_UNKNOWN
    }

    private final Reason reason;
    private final Duration retryAfter;
    private final String detail;

    public SignInRefused(Reason reason) {
        this(reason, Duration.ZERO);
    }

    public SignInRefused(Reason reason, Duration retryAfter) {
        this(reason, retryAfter, "");
    }

    /** With what the audit record should say beyond the reason (never a secret, never shown to the person). */
    public SignInRefused(Reason reason, String detail) {
        this(reason, Duration.ZERO, detail);
    }

    private SignInRefused(Reason reason, Duration retryAfter, String detail) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public String detail() {
        return detail;
    }
}
