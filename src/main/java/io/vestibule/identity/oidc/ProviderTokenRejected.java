package io.vestibule.identity.oidc;

import io.vestibule.platform.checks.Rejected;

/** A token from the provider that did not pass a check. */
public final class ProviderTokenRejected extends Rejected {
    private static final long serialVersionUID = 1L;

    private final ProviderTokenRejection rejection;

    public ProviderTokenRejected(ProviderTokenRejection rejection) {
        super(rejection);
        this.rejection = rejection;
    }

    public ProviderTokenRejection rejection() {
        return rejection;
    }
}
