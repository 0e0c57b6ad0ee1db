package io.vestibule.identity.oidc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Proof Key for Code Exchange (RFC 7636) with the S256 method: the challenge is sent with the authorization
 * request, the verifier only with the code to the token endpoint, from the server, so an intercepted code is useless.
 */
final class Pkce {
    private Pkce() {
    }

    /** {@code BASE64URL(SHA-256(ASCII(verifier)))}, RFC 7636 §4.2. */
    static String challenge(String verifier, CryptoPolicy policy) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(policy.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
