package io.vestibule.access.token;

import java.math.BigInteger;
import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.SignedJWT;

import io.vestibule.platform.checks.Check;

/** The signature: complete, then verified with the key the kid named. Only after these is any claim read. */
final class SignatureChecks {

    private SignatureChecks() {
    }

    /** {@code token_malformed}: an ECDSA signature of the algorithm's exact length (64 bytes for ES256), not truncated. */
    static final class CompleteSignature implements Check<CandidateToken, TokenRejected> {
        private final int signatureBytes;

        CompleteSignature(String algorithm) {
            Set<Curve> curves = Curve.forJWSAlgorithm(JWSAlgorithm.parse(algorithm));
            if (curves == null || curves.size() != 1) {
                throw new IllegalArgumentException("Not an ECDSA algorithm: " + algorithm);
            }
            int fieldBits = curves.iterator().next().toECParameterSpec().getCurve().getField().getFieldSize();
            // JOSE's r ‖ s: each half the field's size in whole bytes (66 for P-521).
            this.signatureBytes = 2 * ((fieldBits + 7) / 8);
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (token.parts[2].decode().length != signatureBytes) {
                throw new TokenRejected(TokenRejection.MALFORMED);
            }
        }
    }

    /** {@code token_signature}: the signature in ECDSA's canonical form, s ≤ n/2 ({@link LowS}); the other form is refused. */
    static final class CanonicalSignature implements Check<CandidateToken, TokenRejected> {
        private final BigInteger order;

        CanonicalSignature(String algorithm) {
            this.order = LowS.orderFor(algorithm);
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (!LowS.holds(token.parts[2].decode(), order)) {
                throw new TokenRejected(TokenRejection.SIGNATURE);
            }
        }
    }

    /** {@code token_malformed}: a header nimbus accepts as a JWS header (for example a {@code kid} that is a string). */
    static final class ReadableJws implements Check<CandidateToken, TokenRejected> {

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            try {
                token.jws = new SignedJWT(token.parts[0], token.parts[1], token.parts[2]);
            } catch (ParseException e) {
                throw new TokenRejected(TokenRejection.MALFORMED);
            }
        }
    }

    /** {@code token_signature}: the signature verifies with the named key. */
    static final class ValidSignature implements Check<CandidateToken, TokenRejected> {

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            boolean valid;
            try {
                valid = token.jws.verify(token.verifier);
            } catch (JOSEException | IllegalStateException e) {
                valid = false;
            }
            if (!valid) {
                throw new TokenRejected(TokenRejection.SIGNATURE);
            }
        }
    }
}
