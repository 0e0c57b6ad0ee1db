package io.vestibule.identity.oidc;

import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import io.vestibule.platform.checks.Check;

/** Checks of the token as a JWS, up to and including its signature: nothing of the claims is read before they pass. */
final class JwsChecks {

    private JwsChecks() {
    }

    /** {@code too_large}: more characters than the limit; nothing is parsed. */
    static final class NotTooLarge implements Check<ProviderToken, ProviderTokenRejected> {
        private final int maxChars;

        NotTooLarge(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            if (token.compact.length() > maxChars) {
                throw new ProviderTokenRejected(ProviderTokenRejection.TOO_LARGE);
            }
        }
    }

    /** {@code malformed}, or {@code algorithm} for an unsigned or encrypted JWT: a compact JWS is required. */
    static final class SignedJws implements Check<ProviderToken, ProviderTokenRejected> {

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            JWT parsed;
            try {
                parsed = JWTParser.parse(token.compact);
            } catch (ParseException | RuntimeException e) {
                throw new ProviderTokenRejected(ProviderTokenRejection.MALFORMED);
            }
            if (!(parsed instanceof SignedJWT signed)) {
                throw new ProviderTokenRejected(ProviderTokenRejection.ALGORITHM);
            }
            token.jws = signed;
        }
    }

    /**
     * {@code token_type}: an access token says so, by the header type {@code at+jwt} (RFC 9068) or Keycloak's
     * {@code typ} claim {@code Bearer}; an ID or refresh token is refused for what it is before anything else is
     * read. The claim is read before the signature is checked, so it can only refuse a token, never admit one.
     */
    static final class TypedAsAccessToken implements Check<ProviderToken, ProviderTokenRejected> {
        private static final Set<String> HEADER_TYPES = Set.of("at+jwt", "application/at+jwt");

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            JOSEObjectType header = token.jws.getHeader().getType();
            if (header != null && HEADER_TYPES.contains(header.toString().toLowerCase(Locale.ROOT))) {
                return;
            }
            Map<String, Object> claims = token.jws.getPayload().toJSONObject();
            if (claims == null || !"Bearer".equals(claims.get("typ"))) {
                throw new ProviderTokenRejected(ProviderTokenRejection.TOKEN_TYPE);
            }
        }
    }

    /**
     * {@code algorithm}: an algorithm of the crypto policy's list (so never {@code none} or HMAC), no {@code crit}
     * (we understand no extension) and no key carried or pointed to by the header: the key is always the
     * provider's, chosen by kid from its published set.
     */
    static final class AlgorithmAllowed implements Check<ProviderToken, ProviderTokenRejected> {
        private final Set<String> algorithms;

        AlgorithmAllowed(Set<String> algorithms) {
            this.algorithms = Set.copyOf(algorithms);
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            JWSHeader header = token.jws.getHeader();
            boolean embedsKey = header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                    || header.getX509CertChain() != null;
            boolean critical = header.getCriticalParams() != null && !header.getCriticalParams().isEmpty();
            if (!algorithms.contains(header.getAlgorithm().getName()) || embedsKey || critical) {
                throw new ProviderTokenRejected(ProviderTokenRejection.ALGORITHM);
            }
        }
    }

    /**
     * {@code unknown_key}: a {@code kid} naming a key the provider publishes and the policy accepts;
     * {@code algorithm} when that key is not for the header's algorithm (an RSA key named in an ES256 token).
     */
    static final class KnownKey implements Check<ProviderToken, ProviderTokenRejected> {
        private final IssuerKeys keys;

        KnownKey(IssuerKeys keys) {
            this.keys = keys;
        }

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            String kid = token.jws.getHeader().getKeyID();
            Optional<VerificationKey> key = kid == null || kid.isEmpty() ? Optional.empty() : keys.find(kid);
            token.key = key.orElseThrow(() -> new ProviderTokenRejected(ProviderTokenRejection.UNKNOWN_KEY));
            if (!token.key.algorithms().contains(token.jws.getHeader().getAlgorithm())) {
                throw new ProviderTokenRejected(ProviderTokenRejection.ALGORITHM);
            }
        }
    }

    /** {@code signature}: the signature verifies with the named key; then the claims are read ({@code malformed} if they cannot be). */
    static final class ValidSignature implements Check<ProviderToken, ProviderTokenRejected> {

        @Override
        public void check(ProviderToken token) throws ProviderTokenRejected {
            boolean valid;
            try {
                valid = token.jws.verify(token.key.verifier());
            } catch (JOSEException | IllegalStateException e) {
                valid = false;
            }
            if (!valid) {
                throw new ProviderTokenRejected(ProviderTokenRejection.SIGNATURE);
            }
            try {
                token.claims = token.jws.getJWTClaimsSet();
            } catch (ParseException e) {
                throw new ProviderTokenRejected(ProviderTokenRejection.MALFORMED);
            }
        }
    }
}
