package io.vestibule.access.token;

import io.vestibule.platform.checks.Rejection;

/**
 * Why a token was refused; the code is stable and documented for clients (R-JOIN-3). Checks run in the order
 * of {@link JoinTokenVerifier}, so a token with several faults gets the code of the first.
 */
public enum TokenRejection implements Rejection {
    /** Larger than the token limit, or its header larger than the header limit; nothing was parsed. */
    TOO_LARGE("token_too_large"),
    /** Not three base64url parts, a header or payload that is not a JSON object, a truncated signature. */
    MALFORMED("token_malformed"),
    /**
     * {@code alg} missing or other than exactly ES256 (none, HMAC, RSA, other curves), a {@code crit} header, or a key
     * embedded or referenced in the header ({@code jwk, jku, x5u, x5c}).
     */
    ALGORITHM("token_algorithm"),
    /** {@code typ} is not the kind required here, e.g. a lobby token where a join token is needed. */
    TYPE("token_type"),
    /** No {@code kid}, or a kid that names no published key. */
    UNKNOWN_KEY("token_unknown_key"),
    /** The signature does not verify with the named key: altered content or another signer. */
    SIGNATURE("token_signature"),
    /** {@code iss} is not this Vestibule. */
    ISSUER("token_issuer"),
    /** {@code aud} is not {@value TokenSettings#AUDIENCE}. */
    AUDIENCE("token_audience"),
    /** A required claim is missing or of the wrong type, an unknown role, or a lifetime longer than the kind allows. */
    CLAIMS("token_claims"),
    /** Past {@code exp} by more than the allowed skew. */
    EXPIRED("token_expired"),
    /** Before {@code nbf}, or {@code iat} in the future, by more than the allowed skew. */
    NOT_YET_VALID("token_not_yet_valid"),
    /** For another conference than the one addressed. */
    ROOM("token_room"),
    /** Released, its participant removed, its conference ended, or its room no longer admits anyone. */
    REVOKED("token_revoked"),
    /** A single-use token presented a second time. */
    REPLAYED("token_replayed"),
    /**
     * A lobby token whose join token was already collected, by HTTP or by the conference socket: it buys one join
     * token, so a copy of it cannot join as its participant.
     */
    SPENT("token_spent");

    private final String code;

    TokenRejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
