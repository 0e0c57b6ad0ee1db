package io.vestibule.identity.oidc;

import java.time.Duration;

/** A single sign-on that did not complete, with the reason the sign-in page shows (its stable code). */
public final class SsoRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The provider cannot be reached, or answers as no provider should. */
        UNAVAILABLE("sso_unavailable"),
        /** No sign-in of this browser is live: no cookie, an altered or completed one, or one older than ten minutes. */
        EXPIRED("sso_expired"),
        /** The provider answered with an error, for instance the person cancelled. */
        DENIED("sso_denied"),
        /** The answer does not belong to this browser's request (state, issuer), the code was refused, or the ID token failed a check. */
        FAILED("sso_failed"),
        /** The person is not in the portal group. */
        NOT_PERMITTED("forbidden"),
        /** The service holds as many sessions as it allows. */
        BUSY("busy"),
        /** The browser's address made too many attempts (joins, failed sign-ins, sign-in starts) and is blocked for a while. */
        BLOCKED("blocked");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final Duration retryAfter;

    public SsoRefused(Reason reason, String detail) {
        this(reason, detail, Duration.ZERO);
    }

    public SsoRefused(Reason reason, String detail, Duration retryAfter) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How long a blocked browser should wait before trying again; zero for the other reasons. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
