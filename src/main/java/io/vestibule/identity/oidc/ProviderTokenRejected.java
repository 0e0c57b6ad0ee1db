package io.vestibule.identity.oidc;

/** A token from the provider that did not pass a check. Nothing of the token goes into the message; no stack trace is kept. */
public final class ProviderTokenRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final ProviderTokenRejection rejection;

    public ProviderTokenRejected(ProviderTokenRejection rejection) {
        super(rejection.code(), null, false, false);
        this.rejection = rejection;
    }

    public ProviderTokenRejection rejection() {
        return rejection;
    }
}
