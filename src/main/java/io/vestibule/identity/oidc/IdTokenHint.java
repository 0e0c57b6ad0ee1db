package io.vestibule.identity.oidc;

/**
 * The ID token of a single sign-on session, kept in the session (in memory) only to end the provider's session at
 * sign-out (RP-Initiated Logout 1.0 {@code id_token_hint}). It never appears in a log.
 */
public record IdTokenHint(String value) {
    @Override
    public String toString() {
        return "IdTokenHint[redacted]";
    }
}
