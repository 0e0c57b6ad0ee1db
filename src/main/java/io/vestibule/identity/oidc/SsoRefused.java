package io.vestibule.identity.oidc;

/** A single sign-on that did not complete, with the reason the sign-in page shows (its stable code). */
public final class SsoRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The provider cannot be reached, or answers as no provider should. */
        UNAVAILABLE("sso_unavailable"),
        /** No sign-in of this browser is pending: no cookie, an unknown or used handle, or one older than ten minutes. */
        EXPIRED("sso_expired"),
        /** The provider answered with an error, for instance the person cancelled. */
        DENIED("sso_denied"),
        /** The answer does not belong to this browser's request (state, issuer), the code was refused, or the ID token failed a check. */
        FAILED("sso_failed"),
        /** The person is not in the portal group. */
        NOT_PERMITTED("forbidden"),
        /** Too many sign-ins in flight, or the service holds as many sessions as it allows. */
        BUSY("busy");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public SsoRefused(Reason reason, String detail) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
