package io.vestibule.access.token;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;

import io.vestibule.access.ParticipantRole;
import io.vestibule.platform.checks.Check;

/** Checks of the claims, all after the signature has been verified. */
final class ClaimChecks {

    private ClaimChecks() {
    }

    /** {@code token_malformed} for a payload that is not a JSON object; {@code token_claims} for registered claims of the wrong type. */
    static final class ReadablePayload implements Check<CandidateToken, TokenRejected> {

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            token.payload = StructureChecks.jsonObject(token.parts[1].decodeToString())
                    .orElseThrow(() -> new TokenRejected(TokenRejection.MALFORMED));
            try {
                token.claimSet = JWTClaimsSet.parse(token.payload);
            } catch (ParseException e) {
                throw new TokenRejected(TokenRejection.CLAIMS);
            }
        }
    }

    /**
     * {@code token_claims}: {@code iss, sub, room, role, jti} non-empty strings, exactly one {@code aud}, {@code iat,
     * nbf, exp} present, and {@code role} exactly {@code host} or {@code guest}.
     */
    static final class RequiredClaims implements Check<CandidateToken, TokenRejected> {
        /** The member of {@code cnf} that names a certificate by its SHA-256 (RFC 8705 §3.1). */
        static final String MEDIA_CERTIFICATE = "x5t#S256";
        private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");


        /**
         * The media binding, when the token has one: {@code cnf} is an object with exactly {@code x5t#S256}, a SHA-256
         * in base64url; any other shape refuses the token.
         */
        private static Optional<String> mediaCertificate(JWTClaimsSet set) throws TokenRejected {
            Object confirmation = set.getClaim("cnf");
            if (confirmation == null) {
                return Optional.empty();
            }
            if (confirmation instanceof Map<?, ?> members && members.size() == 1
                    && members.get(MEDIA_CERTIFICATE) instanceof String thumbprint && THUMBPRINT.matcher(thumbprint).matches()) {
                return Optional.of(thumbprint);
            }
            throw new TokenRejected(TokenRejection.CLAIMS);
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            JWTClaimsSet set = token.claimSet;
            Optional<String> issuer = text(token, "iss");
            Optional<String> participant = text(token, "sub");
            Optional<String> conference = text(token, "room");
            Optional<ParticipantRole> role = text(token, "role").flatMap(ParticipantRole::fromCode);
            Optional<String> tokenId = text(token, "jti");
            List<String> audience = set.getAudience();
            if (issuer.isEmpty() || participant.isEmpty() || conference.isEmpty() || role.isEmpty() || tokenId.isEmpty()
                    || audience.size() != 1 || audience.get(0) == null
                    || set.getIssueTime() == null || set.getNotBeforeTime() == null || set.getExpirationTime() == null) {
                throw new TokenRejected(TokenRejection.CLAIMS);
            }
            token.claims = new TokenClaims(issuer.get(), audience.get(0), participant.get(), conference.get(), role.get(),
                    tokenId.get(), instant(set.getIssueTime()), instant(set.getNotBeforeTime()),
                    instant(set.getExpirationTime()), token.expectation.kind(), mediaCertificate(set));
        }

        /** A non-blank JSON string, read from the payload itself: nimbus would turn a numeric {@code sub} into text. */
        private static Optional<String> text(CandidateToken token, String name) {
            return token.payload.get(name) instanceof String value && !value.isBlank() ? Optional.of(value) : Optional.empty();
        }

        private static Instant instant(Date date) {
            return date.toInstant();
        }
    }

    /** {@code token_issuer}: {@code iss} is this Vestibule's public base URL, compared exactly. */
    static final class ExpectedIssuer implements Check<CandidateToken, TokenRejected> {
        private final String issuer;

        ExpectedIssuer(String issuer) {
            this.issuer = issuer;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (!issuer.equals(token.claims.issuer())) {
                throw new TokenRejected(TokenRejection.ISSUER);
            }
        }
    }

    /** {@code token_audience}: {@code aud} is the conference audience. */
    static final class ExpectedAudience implements Check<CandidateToken, TokenRejected> {
        private final String audience;

        ExpectedAudience(String audience) {
            this.audience = audience;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (!audience.equals(token.claims.audience())) {
                throw new TokenRejected(TokenRejection.AUDIENCE);
            }
        }
    }

    /**
     * {@code token_claims}: {@code exp} after {@code iat} and {@code nbf}, and no longer after {@code iat} than the
     * kind's lifetime — a token made valid for longer was not made by our issuer's rules.
     */
    static final class LifetimeWithinLimit implements Check<CandidateToken, TokenRejected> {
        private final TokenSettings settings;

        LifetimeWithinLimit(TokenSettings settings) {
            this.settings = settings;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            TokenClaims claims = token.claims;
            boolean ordered = claims.expiresAt().isAfter(claims.issuedAt()) && claims.expiresAt().isAfter(claims.notBefore());
            Duration lifetime = Duration.between(claims.issuedAt(), claims.expiresAt());
            if (!ordered || lifetime.compareTo(settings.lifetimeOf(claims.kind())) > 0) {
                throw new TokenRejected(TokenRejection.CLAIMS);
            }
        }
    }

    /** {@code token_expired}: now is after {@code exp} plus the allowed skew. */
    static final class NotExpired implements Check<CandidateToken, TokenRejected> {
        private final Duration skew;

        NotExpired(Duration skew) {
            this.skew = skew;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (token.now.isAfter(token.claims.expiresAt().plus(skew))) {
                throw new TokenRejected(TokenRejection.EXPIRED);
            }
        }
    }

    /** {@code token_not_yet_valid}: now is before {@code nbf}, or before {@code iat}, minus the allowed skew. */
    static final class AlreadyValid implements Check<CandidateToken, TokenRejected> {
        private final Duration skew;

        AlreadyValid(Duration skew) {
            this.skew = skew;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            Instant tolerated = token.now.plus(skew);
            if (tolerated.isBefore(token.claims.notBefore()) || tolerated.isBefore(token.claims.issuedAt())) {
                throw new TokenRejected(TokenRejection.NOT_YET_VALID);
            }
        }
    }

    /** {@code token_room}: when the caller addresses a conference, the token's {@code room} is that conference. */
    static final class ExpectedConference implements Check<CandidateToken, TokenRejected> {

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            Optional<String> expected = token.expectation.conferenceId();
            if (expected.isPresent() && !expected.get().equals(token.claims.conferenceId())) {
                throw new TokenRejected(TokenRejection.ROOM);
            }
        }
    }

    /** {@code token_revoked}: not released, its participant not removed, its conference not ended. */
    static final class NotRevoked implements Check<CandidateToken, TokenRejected> {
        private final TokenRevocations revocations;

        NotRevoked(TokenRevocations revocations) {
            this.revocations = revocations;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (revocations.isRevoked(token.claims)) {
                throw new TokenRejected(TokenRejection.REVOKED);
            }
        }
    }

    /**
     * {@code token_replayed}: a token presented to be used up (refresh) is used up only once, and once used up it is
     * void everywhere, for conference control and sockets too (R-JOIN-3). Last of all, so that a token refused for
     * any other reason is not used up. Remembered until it expires, skew included.
     */
    static final class SingleUse implements Check<CandidateToken, TokenRejected> {
        private final TokenRevocations revocations;
        private final Duration skew;

        SingleUse(TokenRevocations revocations, Duration skew) {
            this.revocations = revocations;
            this.skew = skew;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            boolean spent = token.expectation.consumeOnce()
                    ? !revocations.consumeOnce(token.claims.tokenId(), token.claims.expiresAt().plus(skew))
                    : revocations.isConsumed(token.claims.tokenId());
            if (spent) {
                throw new TokenRejected(TokenRejection.REPLAYED);
            }
        }
    }
}
