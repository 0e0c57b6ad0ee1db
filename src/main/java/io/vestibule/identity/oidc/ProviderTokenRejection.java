package io.vestibule.identity.oidc;

import io.vestibule.platform.checks.Rejection;

/**
 * Why a token from the OpenID provider (an ID token at sign-in, an access token on the API) was refused. Checks run
 * in the order of {@link IdTokenValidator} and {@link AccessTokenVerifier}, so a token with several faults gets the
 * reason of the first. The reason is told to API clients ({@code {"error": "invalid_token", "reason": ...}}); it names
 * the rule, never the token's content.
 */
public enum ProviderTokenRejection implements Rejection {
    /** Longer than any token the provider issues; nothing was parsed. */
    TOO_LARGE("too_large"),
    /** Not a compact JWS, or claims that are not a JSON object of the registered types. */
    MALFORMED("malformed"),
    /** Unsigned ({@code none}), encrypted, HMAC or another algorithm outside the crypto policy; a {@code crit} header; a key carried or referenced in the header. */
    ALGORITHM("algorithm"),
    /** No {@code kid}, or one the provider does not publish (or whose key the crypto policy refuses). */
    UNKNOWN_KEY("unknown_key"),
    /** The signature does not verify with the provider's key: altered, or signed by someone else. */
    SIGNATURE("signature"),
    /**
     * Not typed as an access token (RFC 9068 §4, RFC 8725 §3.11): neither the header type {@code at+jwt} nor
     * Keycloak's {@code typ} claim {@code Bearer}; an ID or refresh token presented on the API.
     */
    TOKEN_TYPE("token_type"),
    /** {@code iss} is not exactly the configured issuer. */
    ISSUER("issuer"),
    /** {@code aud} does not name the portal client (ID token) or the API (access token). */
    AUDIENCE("audience"),
    /**
     * An ID token for several audiences without {@code azp}, or whose {@code azp} is another client; an access token
     * whose {@code azp} is not among {@code VESTIBULE_OIDC_API_CLIENTS}.
     */
    AUTHORIZED_PARTY("authorized_party"),
    /** No {@code exp}, or past it by more than the allowed skew. */
    EXPIRED("expired"),
    /** No {@code iat}, or {@code iat}/{@code nbf} in the future by more than the allowed skew. */
    NOT_YET_VALID("not_yet_valid"),
    /** No {@code sub}, or one longer than an account's subject can be. */
    SUBJECT("subject"),
    /** The ID token's {@code nonce} is not the one this browser's sign-in sent. */
    NONCE("nonce"),
    /** The access token lacks the scope the API requires. */
    SCOPE("scope");

    private final String code;

    ProviderTokenRejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
