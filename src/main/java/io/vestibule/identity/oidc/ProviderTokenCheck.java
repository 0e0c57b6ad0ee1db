package io.vestibule.identity.oidc;

/** One named rule for tokens from the provider, refusing with its own {@link ProviderTokenRejection}. */
interface ProviderTokenCheck {

    void check(ProviderToken token) throws ProviderTokenRejected;
}
