package io.vestibule.identity.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import io.vestibule.platform.checks.Check;

/** Checks of the claims of a token whose signature holds. */
final class ProviderClaimChecks {

    private ProviderClaimChecks() {
    }

    /** {@code issuer}: {@code iss} is exactly the configured issuer (no normalisation: the provider writes it one way). */
    static final class IssuedBy implements Check<ProviderToken, ProviderTokenRejected> {
        private final String issuer;

        IssuedBy(String issuer) {
            this.issuer = issuer;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            if (!issuer.equals(token.claims.getIssuer())) {
                throw new ProviderTokenRejected(ProviderTokenRejection.ISSUER);
            }
        }
    }

    /** {@code audience}: {@code aud} names this audience (among others, for access tokens that serve several APIs). */
    static final class AudienceIncludes implements Check<ProviderToken, ProviderTokenRejected> {
        private final String audience;

        AudienceIncludes(String audience) {
            this.audience = audience;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            List<String> audiences = token.claims.getAudience();
            if (audiences == null || !audiences.contains(audience)) {
                throw new ProviderTokenRejected(ProviderTokenRejection.AUDIENCE);
            }
        }
    }

    /**
     * {@code authorized_party}: an ID token for several audiences must say which client it was issued to, and
     * {@code azp}, when present, must be the portal client (OpenID Connect Core §3.1.3.7, items 4 and 5).
     */
    static final class AuthorizedParty implements Check<ProviderToken, ProviderTokenRejected> {
        private final String clientId;

        AuthorizedParty(String clientId) {
            this.clientId = clientId;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            Object azp = token.claims.getClaim("azp");
            boolean several = token.claims.getAudience().size() > 1;
            if ((several && azp == null) || (azp != null && !clientId.equals(azp))) {
                throw new ProviderTokenRejected(ProviderTokenRejection.AUTHORIZED_PARTY);
            }
        }
    }

    /** {@code authorized_party}: an access token's {@code azp} is one of the clients allowed to call the API. */
    static final class AuthorizedPartyAmong implements Check<ProviderToken, ProviderTokenRejected> {
        private final List<String> clients;

        AuthorizedPartyAmong(List<String> clients) {
            this.clients = List.copyOf(clients);
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            if (!(token.claims.getClaim("azp") instanceof String azp) || !clients.contains(azp)) {
                throw new ProviderTokenRejected(ProviderTokenRejection.AUTHORIZED_PARTY);
            }
        }
    }

    /** {@code expired} and {@code not_yet_valid}: {@code exp} and {@code iat} present; now within them, give or take the skew; {@code nbf} respected. */
    static final class CurrentlyValid implements Check<ProviderToken, ProviderTokenRejected> {
        private final Clock clock;
        private final Duration skew;

        CurrentlyValid(Clock clock, Duration skew) {
            this.clock = clock;
            this.skew = skew;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            Instant now = clock.instant();
            Date expires = token.claims.getExpirationTime();
            if (expires == null || !now.isBefore(expires.toInstant().plus(skew))) {
                throw new ProviderTokenRejected(ProviderTokenRejection.EXPIRED);
            }
            Date issued = token.claims.getIssueTime();
            Date notBefore = token.claims.getNotBeforeTime();
            if (issued == null || issued.toInstant().isAfter(now.plus(skew))
                    || (notBefore != null && notBefore.toInstant().isAfter(now.plus(skew)))) {
                throw new ProviderTokenRejected(ProviderTokenRejection.NOT_YET_VALID);
            }
        }
    }

    /** {@code subject}: a {@code sub} that can key an account (with the issuer). */
    static final class HasSubject implements Check<ProviderToken, ProviderTokenRejected> {
        static final int MAX_SUBJECT_LENGTH = 255;

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            String subject = token.claims.getSubject();
            if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
                throw new ProviderTokenRejected(ProviderTokenRejection.SUBJECT);
            }
        }
    }

    /** {@code nonce}: the ID token carries the nonce this browser's sign-in sent, compared in constant time. */
    static final class NonceMatches implements Check<ProviderToken, ProviderTokenRejected> {
        private final String expected;

        NonceMatches(String expected) {
            this.expected = expected;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            if (!(token.claims.getClaim("nonce") instanceof String nonce)
                    || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
                throw new ProviderTokenRejected(ProviderTokenRejection.NONCE);
            }
        }
    }

    /** {@code scope}: the space-separated {@code scope} claim holds the scope the API requires. */
    static final class ScopeIncludes implements Check<ProviderToken, ProviderTokenRejected> {
        private final String scope;

        ScopeIncludes(String scope) {
            this.scope = scope;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            String granted;
            try {
                granted = token.claims.getStringClaim("scope");
            } catch (ParseException e) {
                throw new ProviderTokenRejected(ProviderTokenRejection.SCOPE);
            }
            if (granted == null || Arrays.stream(granted.split(" ")).noneMatch(scope::equals)) {
                throw new ProviderTokenRejected(ProviderTokenRejection.SCOPE);
            }
        }
    }
}
