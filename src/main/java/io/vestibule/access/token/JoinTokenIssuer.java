package io.vestibule.access.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.vestibule.access.ParticipantRole;
import io.vestibule.crypto.CryptoPolicy;

/**
 * Signs join, lobby and invitation tokens (R-JOIN-2) with the active key: header {@code alg, kid, typ}; claims
 * {@code iss, aud, sub, room, role, jti, iat, nbf, exp}. Times are whole seconds; the token id is 128 random bits.
 */
public final class JoinTokenIssuer {
    private static final int TOKEN_ID_BYTES = 16;
    private static final int MAX_ID_CHARS = 200;

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final TokenLifetimes lifetimes;
    private final Clock clock;
    private final SecureRandom random;
    private final JWSAlgorithm algorithm;

    public JoinTokenIssuer(SigningKeys keys, TokenSettings settings, CryptoPolicy policy, Clock clock, SecureRandom random) {
        this(keys, settings, settings::lifetimeOf, policy, clock, random);
    }

    /** Issues join and lobby tokens for the lifetimes {@code lifetimes} gives at each issue. */
    public JoinTokenIssuer(SigningKeys keys, TokenSettings settings, TokenLifetimes lifetimes, CryptoPolicy policy, Clock clock,
                           SecureRandom random) {
        this.keys = keys;
        this.settings = settings;
        this.lifetimes = lifetimes;
        this.clock = clock;
        this.random = random;
        this.algorithm = JWSAlgorithm.parse(policy.joinTokenAlgorithm());
    }

    /** A join or lobby token for a participant, valid from now ({@code nbf = iat}) for the kind's lifetime. */
    public IssuedToken issue(TokenKind kind, String participantId, String conferenceId, ParticipantRole role) {
        return issue(kind, participantId, conferenceId, role, Optional.empty());
    }

    /**
     * As {@link #issue(TokenKind, String, String, ParticipantRole)}, bound to the DTLS certificate of the participant's
     * media when it has one (the base64url SHA-256, claim {@code cnf}).
     */
    public IssuedToken issue(TokenKind kind, String participantId, String conferenceId, ParticipantRole role,
                             Optional<String> mediaCertificate) {
        if (kind == TokenKind.INVITATION) {
            throw new IllegalArgumentException("Invitation tokens have a validity window: use issueInvitation");
        }
        Instant now = now();
        return sign(new TokenClaims(settings.issuer(), settings.audience(), requireId(participantId, "participant id"),
                requireId(conferenceId, "conference id"), role, newTokenId(), now, now, now.plus(lifetimes.of(kind)), kind,
                mediaCertificate));
    }

    /**
     * An invitation token for the window {@code opensAt} to {@code closesAt}; {@code inviteeId} names the invitee
     * (see {@link TokenClaims}). The window must close in the future and within the invitation lifetime from now.
     */
    public IssuedToken issueInvitation(String inviteeId, String conferenceId, ParticipantRole role, Instant opensAt, Instant closesAt) {
        Instant now = now();
        Instant notBefore = opensAt.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = closesAt.truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(now) || !expiresAt.isAfter(notBefore)) {
            throw new IllegalArgumentException("An invitation window must close after it opens and in the future");
        }
        if (Duration.between(now, expiresAt).compareTo(settings.invitationLifetime()) > 0) {
            throw new IllegalArgumentException("An invitation token may be valid for at most " + settings.invitationLifetime());
        }
        return sign(new TokenClaims(settings.issuer(), settings.audience(), requireId(inviteeId, "invitee id"),
                requireId(conferenceId, "conference id"), role, newTokenId(), now, notBefore, expiresAt, TokenKind.INVITATION));
    }

    private IssuedToken sign(TokenClaims claims) {
        SigningKeys.ActiveKey key = keys.active();
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .keyID(key.kid())
                .type(new JOSEObjectType(claims.kind().type()))
                .build();
        JWTClaimsSet.Builder claimSet = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .audience(claims.audience())
                .subject(claims.participantId())
                .claim("room", claims.conferenceId())
                .claim("role", claims.role().code())
                .jwtID(claims.tokenId())
                .issueTime(Date.from(claims.issuedAt()))
                .notBeforeTime(Date.from(claims.notBefore()))
                .expirationTime(Date.from(claims.expiresAt()));
        claims.mediaCertificate().ifPresent(thumbprint -> claimSet.claim("cnf", Map.of(ClaimChecks.RequiredClaims.MEDIA_CERTIFICATE, thumbprint)));
        SignedJWT jws = new SignedJWT(header, claimSet.build());
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("A token could not be signed", e);
        }
        String compact = jws.serialize();
        if (compact.length() > settings.maxTokenBytes()) {
            throw new IllegalStateException("A token would exceed the size limit of " + settings.maxTokenBytes() + " bytes");
        }
        return new IssuedToken(compact, claims);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String newTokenId() {
        byte[] bytes = new byte[TOKEN_ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String requireId(String id, String name) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("A " + name + " must be 1 to " + MAX_ID_CHARS + " characters");
        }
        return id;
    }
}
