package io.vestibule.identity.oidc;

/**
 * The OpenID provider could not be reached or did not answer as a provider should (network failure, timeout, an
 * error status, an unreadable document). The message names the step, never a secret or a token.
 */
public final class ProviderUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailable(String message) {
        super(message, null, false, false);
    }
}
