package io.vestibule.identity.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token under verification. The early checks decode it step by step (the JWS, then the key its {@code kid}
 * names, then, once the signature holds, the claims) for the later ones to read.
 */
final class ProviderToken {
    final String compact;
    SignedJWT jws;
    VerificationKey key;
    JWTClaimsSet claims;

    ProviderToken(String compact) {
        this.compact = compact;
    }
}
