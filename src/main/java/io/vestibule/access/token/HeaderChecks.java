package io.vestibule.access.token;

import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JWSVerifier;

import io.vestibule.platform.checks.Check;

/**
 * Checks of the JOSE header, before the signature: they only refuse, they trust nothing. The header is read as
 * plain JSON here because nimbus refuses {@code alg: none} while parsing, and we want that named.
 */
final class HeaderChecks {

    private HeaderChecks() {
    }

    /** {@code token_algorithm}: {@code alg} is exactly the policy's algorithm (ES256); not none, HMAC, RSA or another curve. */
    static final class AlgorithmAllowed implements Check<CandidateToken, TokenRejected> {
        private final String algorithm;

        AlgorithmAllowed(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (!algorithm.equals(token.header.get("alg"))) {
                throw new TokenRejected(TokenRejection.ALGORITHM);
            }
        }
    }

    /**
     * {@code token_algorithm}: no {@code crit} (we understand no extension) and no key carried or pointed to by
     * the header ({@code jwk, jku, x5u, x5c}): the key is always ours, chosen by kid.
     */
    static final class NoCriticalOrEmbeddedKey implements Check<CandidateToken, TokenRejected> {
        private static final List<String> REFUSED = List.of("crit", "jwk", "jku", "x5u", "x5c");

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            for (String name : REFUSED) {
                if (token.header.containsKey(name)) {
                    throw new TokenRejected(TokenRejection.ALGORITHM);
                }
            }
        }
    }

    /** {@code token_type}: {@code typ} is exactly the expected kind's media type (explicit typing, RFC 8725 §3.11). */
    static final class ExplicitType implements Check<CandidateToken, TokenRejected> {

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (!token.expectation.kind().type().equals(token.header.get("typ"))) {
                throw new TokenRejected(TokenRejection.TYPE);
            }
        }
    }

    /** {@code token_unknown_key}: a {@code kid} that names a published signing key. */
    static final class KnownKey implements Check<CandidateToken, TokenRejected> {
        private final SigningKeys keys;

        KnownKey(SigningKeys keys) {
            this.keys = keys;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            Optional<JWSVerifier> verifier = token.header.get("kid") instanceof String kid && !kid.isEmpty()
                    ? keys.verifierFor(kid)
                    : Optional.empty();
            token.verifier = verifier.orElseThrow(() -> new TokenRejected(TokenRejection.UNKNOWN_KEY));
        }
    }
}
