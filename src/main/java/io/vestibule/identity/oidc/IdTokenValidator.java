package io.vestibule.identity.oidc;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.checks.Verification;

/**
 * Validates the ID token of a sign-in (OpenID Connect Core §3.1.3.7): signed by the issuer's published key with an
 * algorithm of the crypto policy, from the issuer, for the portal client (audience and authorized party), current,
 * about a subject, and carrying the nonce this browser's authorization request sent.
 */
final class IdTokenValidator {
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final OidcSettings settings;
    private final IssuerKeys keys;
    private final CryptoPolicy policy;
    private final Clock clock;

    IdTokenValidator(OidcSettings settings, IssuerKeys keys, CryptoPolicy policy, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.policy = policy;
        this.clock = clock;
    }

    JWTClaimsSet validate(String idToken, String expectedNonce) throws ProviderTokenRejected {
        return new Verification<ProviderToken, ProviderTokenRejected>(List.of(
                new JwsChecks.NotTooLarge(MAX_TOKEN_CHARS),
                new JwsChecks.SignedJws(),
                new JwsChecks.AlgorithmAllowed(policy.providerTokenAlgorithms()),
                new JwsChecks.KnownKey(keys),
                new JwsChecks.ValidSignature(),
                new ProviderClaimChecks.IssuedBy(settings.issuerId()),
                new ProviderClaimChecks.AudienceIncludes(settings.clientId()),
                new ProviderClaimChecks.AuthorizedParty(settings.clientId()),
                new ProviderClaimChecks.CurrentlyValid(clock, settings.clockSkew()),
                new ProviderClaimChecks.HasSubject(),
                new ProviderClaimChecks.NonceMatches(expectedNonce))).verify(new ProviderToken(idToken)).claims;
    }
}
