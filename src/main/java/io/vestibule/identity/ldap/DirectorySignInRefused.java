package io.vestibule.identity.ldap;

/** Why a directory sign-in did not succeed; the user sees one message for every wrong-credentials case. */
public final class DirectorySignInRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Unknown user, wrong password, empty password, disabled account: indistinguishable on purpose. */
        INVALID_CREDENTIALS,
        /** The directory could not be reached or refused the service account. */
        DIRECTORY_UNAVAILABLE
    }

    private final Reason reason;

    public DirectorySignInRefused(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
