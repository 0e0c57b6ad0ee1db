package io.vestibule.access.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.vestibule.access.ParticipantRole;

/**
 * What a verified (or freshly issued) token says. Claim names: {@code iss, aud, sub, room, role, jti, iat,
 * nbf, exp}; the kind comes from the header {@code typ}. Instants have whole seconds, as JWT NumericDates do.
 *
 * <p>For {@link TokenKind#JOIN JOIN} and {@link TokenKind#LOBBY LOBBY} tokens {@code participantId} is the
 * participant and {@code notBefore} equals {@code issuedAt}. An {@link TokenKind#INVITATION INVITATION}
 * admits nobody yet: its {@code participantId} names the invitee (an account id, or an opaque id of the
 * invitation when it is addressed to no one in particular) and never a participant — the join flow creates the
 * participant when the invitation is used. Its validity window is {@code notBefore} (the window opens) to
 * {@code expiresAt} (it closes).
 *
 * <p>A join token may carry a confirmation (RFC 7800 {@code cnf}, member {@code x5t#S256} as in RFC 8705): the
 * base64url SHA-256 of the DTLS certificate the participant's media is bound to. Media from a connection with another
 * certificate is refused, so a copied token carries no media.
 *
 * <p>Nothing here is secret: the token id names a token but cannot stand in for it.
 */
public record TokenClaims(
        String issuer,
        String audience,
        String participantId,
        String conferenceId,
        ParticipantRole role,
        String tokenId,
        Instant issuedAt,
        Instant notBefore,
        Instant expiresAt,
        TokenKind kind,
        Optional<String> mediaCertificate) {

    public TokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(conferenceId, "conferenceId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mediaCertificate, "mediaCertificate");
    }

    /** Claims without a media binding. */
    public TokenClaims(String issuer, String audience, String participantId, String conferenceId, ParticipantRole role, String tokenId,
                       Instant issuedAt, Instant notBefore, Instant expiresAt, TokenKind kind) {
        this(issuer, audience, participantId, conferenceId, role, tokenId, issuedAt, notBefore, expiresAt, kind, Optional.empty());
    }
}
