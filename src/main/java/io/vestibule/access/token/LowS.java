package io.vestibule.access.token;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;

/**
 * ECDSA's canonical form: of the two signatures (r, s) and (r, n - s) that verify alike, only the one with
 * s ≤ n/2 is accepted, so a token's signature cannot be altered into a second valid one (malleability). Signatures
 * are JOSE's r ‖ s, each half as long as the curve order.
 */
final class LowS {
    private LowS() {
    }

    /** The order of the curve a JWS algorithm signs on (ES256: P-256). */
    static BigInteger orderFor(String algorithm) {
        return Curve.forJWSAlgorithm(JWSAlgorithm.parse(algorithm)).iterator().next().toECParameterSpec().getOrder();
    }

    static boolean holds(byte[] jose, BigInteger order) {
        return s(jose).compareTo(order.shiftRight(1)) <= 0;
    }

    /** The same signature in canonical form. */
    static byte[] of(byte[] jose, BigInteger order) {
        if (holds(jose, order)) {
            return jose;
        }
        int half = jose.length / 2;
        byte[] canonical = Arrays.copyOf(jose, jose.length);
        byte[] s = order.subtract(s(jose)).toByteArray();
        // toByteArray may add a sign byte or be shorter than the field: right-align it in its half.
        Arrays.fill(canonical, half, jose.length, (byte) 0);
        int copied = Math.min(s.length, half);
        System.arraycopy(s, s.length - copied, canonical, jose.length - copied, copied);
        return canonical;
    }

    private static BigInteger s(byte[] jose) {
        return new BigInteger(1, Arrays.copyOfRange(jose, jose.length / 2, jose.length));
    }

    /** Signs as the signer it wraps, then gives the signature its canonical form. */
    static final class Signer implements JWSSigner {
        private final JWSSigner signer;
        private final BigInteger order;

        Signer(JWSSigner signer, BigInteger order) {
            this.signer = signer;
            this.order = order;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            return Base64URL.encode(of(signer.sign(header, signingInput).decode(), order));
        }

        /** The signer that makes the signatures, holding the key. */
        JWSSigner wrapped() {
            return signer;
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return signer.supportedJWSAlgorithms();
        }

        @Override
        public JCAContext getJCAContext() {
            return signer.getJCAContext();
        }
    }
}
