package io.vestibule.identity.oidc;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.checks.Verification;

/**
 * Verifies an access token an API client presents as {@code Authorization: Bearer} (R-SSO-3): typed as an access
 * token (never an ID or refresh token), signed by the issuer's
 * published key with an algorithm of the crypto policy, from the issuer, for the API's audience, current, about a
 * subject, and granting the API's scope. The scope comes last, so that only an otherwise valid token is told it
 * lacks one (403 rather than 401).
 */
public final class AccessTokenVerifier {
    private final Verification<ProviderToken, ProviderTokenRejected> verifier;

    AccessTokenVerifier(OidcSettings settings, IssuerKeys keys, CryptoPolicy policy, Clock clock) {
        this.verifier = new Verification<>(List.of(
                new JwsChecks.NotTooLarge(IdTokenValidator.MAX_TOKEN_CHARS),
                new JwsChecks.SignedJws(),
                new JwsChecks.TypedAsAccessToken(),
                new JwsChecks.AlgorithmAllowed(policy.providerTokenAlgorithms()),
                new JwsChecks.KnownKey(keys),
                new JwsChecks.ValidSignature(),
                new ProviderClaimChecks.IssuedBy(settings.issuerId()),
                new ProviderClaimChecks.AudienceIncludes(settings.apiAudience()),
                new ProviderClaimChecks.AuthorizedPartyAmong(settings.apiClients()),
                new ProviderClaimChecks.CurrentlyValid(clock, settings.clockSkew()),
                new ProviderClaimChecks.HasSubject(),
                new ProviderClaimChecks.ScopeIncludes(settings.apiScope())));
    }

    public JWTClaimsSet verify(String accessToken) throws ProviderTokenRejected {
        return verifier.verify(new ProviderToken(accessToken)).claims;
    }
}
