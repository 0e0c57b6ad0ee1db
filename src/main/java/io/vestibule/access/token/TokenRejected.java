package io.vestibule.access.token;

import io.vestibule.platform.checks.Rejected;

/** A join, lobby or invitation token that did not pass verification; its code is documented for clients (R-JOIN-3). */
public final class TokenRejected extends Rejected {
    private static final long serialVersionUID = 1L;

    private final TokenRejection rejection;

    public TokenRejected(TokenRejection rejection) {
        super(rejection);
        this.rejection = rejection;
    }

    public TokenRejection rejection() {
        return rejection;
    }
}
