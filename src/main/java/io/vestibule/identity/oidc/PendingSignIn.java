package io.vestibule.identity.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * An authorization request in flight, sealed into the browser's short-lived cookie ({@link SealedSignIns}): the
 * state and nonce sent to the provider, the PKCE verifier that only this service can read, and the page to go to
 * afterwards.
 */
record PendingSignIn(String state, String nonce, String codeVerifier, String next, Instant createdAt) {

    /** Compares in constant time, so timing reveals nothing of the expected state. */
    boolean stateMatches(String presented) {
        return presented != null
                && MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PendingSignIn[created=" + createdAt + ", next=" + next + "]";
    }
}
