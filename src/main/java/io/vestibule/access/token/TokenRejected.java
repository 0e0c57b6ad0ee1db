package io.vestibule.access.token;

/**
 * A token that did not pass verification. The message is the code only: nothing of the token, which is a bearer
 * credential or attacker input, goes into it. No stack trace is filled in, as refusals are routine.
 */
public final class TokenRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final TokenRejection rejection;

    public TokenRejected(TokenRejection rejection) {
        super(rejection.code(), null, false, false);
        this.rejection = rejection;
    }

    public TokenRejection rejection() {
        return rejection;
    }

    public String code() {
        return rejection.code();
    }
}
