package io.vestibule.access.token;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.checks.Verification;

/**
 * Verifies join, lobby and invitation tokens (R-JOIN-3) as a list of small named checks, like Keycloak's
 * TokenVerifier; the first that fails names the {@link TokenRejection}. Cheap structural checks come first, size
 * before any parsing; the header is only refused, never trusted; no claim is read before the signature is verified;
 * the single-use check is last, so a token refused for another reason is not used up.
 *
 * <p>Never logs a token; a rejection carries only its code.
 */
public final class JoinTokenVerifier {
    private final Verification<CandidateToken, TokenRejected> verification;
    private final Clock clock;

    public JoinTokenVerifier(SigningKeys keys, TokenRevocations revocations, TokenSettings settings, CryptoPolicy policy,
                             Clock clock) {
        this.clock = clock;
        String algorithm = policy.joinTokenAlgorithm();
        this.verification = new Verification<>(List.of(
                new StructureChecks.NotTooLarge(settings.maxTokenBytes()),
                new StructureChecks.CompactSerialization(),
                new HeaderChecks.AlgorithmAllowed(algorithm),
                new HeaderChecks.NoCriticalOrEmbeddedKey(),
                new SignatureChecks.CompleteSignature(algorithm),
                new SignatureChecks.CanonicalSignature(algorithm),
                new HeaderChecks.ExplicitType(),
                new HeaderChecks.KnownKey(keys),
                new SignatureChecks.ReadableJws(),
                new SignatureChecks.ValidSignature(),
                new ClaimChecks.ReadablePayload(),
                new ClaimChecks.RequiredClaims(),
                new ClaimChecks.ExpectedIssuer(settings.issuer()),
                new ClaimChecks.ExpectedAudience(settings.audience()),
                new ClaimChecks.LifetimeWithinLimit(settings),
                new ClaimChecks.NotExpired(settings.allowedClockSkew()),
                new ClaimChecks.AlreadyValid(settings.allowedClockSkew()),
                new ClaimChecks.ExpectedConference(),
                new ClaimChecks.NotRevoked(revocations),
                new ClaimChecks.SingleUse(revocations, settings.allowedClockSkew())));
    }

    /** The claims of a token that passes every check; otherwise the first check's rejection. */
    public TokenClaims verify(String compact, Expectation expectation) throws TokenRejected {
        Objects.requireNonNull(expectation, "expectation");
        if (compact == null || compact.isEmpty()) {
            throw new TokenRejected(TokenRejection.MALFORMED);
        }
        return verification.verify(new CandidateToken(compact, expectation, clock.instant())).claims;
    }

    /**
     * A participant's token: a join token, or else a lobby token, in {@code conferenceId} when given. The rejection is
     * the join token's, unless that only says the token is of another type.
     */
    public TokenClaims verifyJoinOrLobby(String compact, Optional<String> conferenceId) throws TokenRejected {
        try {
            return verify(compact, new Expectation(TokenKind.JOIN, conferenceId, false));
        } catch (TokenRejected notAJoinToken) {
            if (notAJoinToken.rejection() != TokenRejection.TYPE) {
                throw notAJoinToken;
            }
            return verify(compact, new Expectation(TokenKind.LOBBY, conferenceId, false));
        }
    }

    /** The checks' names in the order they run, for documentation and tests. */
    List<String> checkNames() {
        return verification.names();
    }
}
