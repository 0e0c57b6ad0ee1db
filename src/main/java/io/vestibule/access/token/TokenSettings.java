package io.vestibule.access.token;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How join, lobby and invitation tokens are issued and checked (R-JOIN-2, R-JOIN-3).
 *
 * @param issuer             {@code iss}: the public base URL of this Vestibule
 * @param audience           {@code aud}: always {@link #AUDIENCE}; a field so that checks read it from one place
 * @param joinLifetime       lifetime of a join token; 30 s to 15 min, 120 s by default (clients refresh at half-life)
 * @param lobbyLifetime      lifetime of a lobby token: the longest a participant may wait to be admitted
 * @param invitationLifetime the longest an invitation token may stay valid, counted from its issue
 * @param allowedClockSkew   tolerance for {@code exp}, {@code nbf} and {@code iat}; at most 30 s (R-JOIN-3)
 * @param signingKeyRotation how long a signing key signs before the next one takes over
 * @param maxTokenBytes      longer tokens are refused before anything is parsed
 */
public record TokenSettings(
        String issuer,
        String audience,
        Duration joinLifetime,
        Duration lobbyLifetime,
        Duration invitationLifetime,
        Duration allowedClockSkew,
        Duration signingKeyRotation,
        int maxTokenBytes) {

    public static final String AUDIENCE = "urn:vestibule:conference";
    public static final Duration MIN_JOIN_LIFETIME = Duration.ofSeconds(30);
    public static final Duration MAX_JOIN_LIFETIME = Duration.ofSeconds(900);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    public static final Duration DEFAULT_JOIN_LIFETIME = Duration.ofSeconds(120);
    public static final Duration DEFAULT_LOBBY_LIFETIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_INVITATION_LIFETIME = Duration.ofDays(30);
    public static final Duration DEFAULT_CLOCK_SKEW = MAX_CLOCK_SKEW;
    public static final Duration DEFAULT_KEY_ROTATION = Duration.ofHours(24);
    public static final int DEFAULT_MAX_TOKEN_BYTES = 4096;

    /** Room for a header at its own limit plus claims; our tokens are about 600 bytes. */
    private static final int MIN_TOKEN_BYTES = 1024;
    private static final int MAX_TOKEN_BYTES = 65_536;
    /** Keys stay published for this long after they retire: bounded so that the JWKS stays small. */
    private static final Duration MAX_INVITATION_LIFETIME = Duration.ofDays(90);

    public TokenSettings {
        Objects.requireNonNull(issuer, "issuer");
        URI issuerUri = URI.create(issuer);
        if (!issuerUri.isAbsolute() || issuerUri.getHost() == null) {
            throw new IllegalArgumentException("The token issuer must be an absolute URL, the public base URL of Vestibule");
        }
        if (!AUDIENCE.equals(audience)) {
            throw new IllegalArgumentException("The token audience is always " + AUDIENCE);
        }
        if (joinLifetime.compareTo(MIN_JOIN_LIFETIME) < 0 || joinLifetime.compareTo(MAX_JOIN_LIFETIME) > 0) {
            throw new IllegalArgumentException("The join token lifetime must be 30 to 900 seconds");
        }
        requirePositive(lobbyLifetime, "lobby token lifetime");
        requirePositive(invitationLifetime, "invitation token lifetime");
        if (invitationLifetime.compareTo(MAX_INVITATION_LIFETIME) > 0) {
            throw new IllegalArgumentException("Invitation tokens may stay valid for at most 90 days");
        }
        if (allowedClockSkew.isNegative() || allowedClockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("The allowed clock skew must be 0 to 30 seconds");
        }
        requirePositive(signingKeyRotation, "signing key rotation");
        if (maxTokenBytes < MIN_TOKEN_BYTES || maxTokenBytes > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("The token size limit must be " + MIN_TOKEN_BYTES + " to " + MAX_TOKEN_BYTES + " bytes");
        }
    }

    /** The defaults of R-JOIN-2 for a Vestibule reachable at {@code issuer}. */
    public static TokenSettings defaults(String issuer) {
        return new TokenSettings(issuer, AUDIENCE, DEFAULT_JOIN_LIFETIME, DEFAULT_LOBBY_LIFETIME,
                DEFAULT_INVITATION_LIFETIME, DEFAULT_CLOCK_SKEW, DEFAULT_KEY_ROTATION, DEFAULT_MAX_TOKEN_BYTES);
    }

    public TokenSettings withJoinLifetime(Duration lifetime) {
        return new TokenSettings(issuer, audience, lifetime, lobbyLifetime, invitationLifetime, allowedClockSkew,
                signingKeyRotation, maxTokenBytes);
    }

    public TokenSettings withLobbyLifetime(Duration lifetime) {
        return new TokenSettings(issuer, audience, joinLifetime, lifetime, invitationLifetime, allowedClockSkew,
                signingKeyRotation, maxTokenBytes);
    }

    /** The longest a token of this kind may be valid, from {@code iat} to {@code exp}. */
    public Duration lifetimeOf(TokenKind kind) {
        return switch (kind) {
            case JOIN -> joinLifetime;
            case LOBBY -> lobbyLifetime;
            case INVITATION -> invitationLifetime;
        };
    }

    /**
     * How long a retired signing key stays published: until every token it signed has expired, skew included.
     * Invitation tokens count too, or an invitation would outlive the key that signed it.
     */
    public Duration keyPublicationAfterRetirement() {
        Duration longest = joinLifetime;
        for (TokenKind kind : TokenKind.values()) {
            if (lifetimeOf(kind).compareTo(longest) > 0) {
                longest = lifetimeOf(kind);
            }
        }
        return longest.plus(allowedClockSkew);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The " + name + " must be positive");
        }
    }
}
