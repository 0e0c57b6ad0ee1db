package io.vestibule.identity.oidc;

import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

/** Runs a list of checks in order; the first that fails decides the refusal. */
final class ProviderTokenVerifier {
    private final List<ProviderTokenCheck> checks;

    ProviderTokenVerifier(List<ProviderTokenCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The claims of a token that passed every check. */
    JWTClaimsSet verify(String compact) throws ProviderTokenRejected {
        ProviderToken token = new ProviderToken(compact);
        for (ProviderTokenCheck check : checks) {
            check.check(token);
        }
        return token.claims;
    }
}
