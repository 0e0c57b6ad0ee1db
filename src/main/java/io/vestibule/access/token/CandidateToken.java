package io.vestibule.access.token;

import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token under verification, decoded step by step by the checks: each field is set by the check named beside it
 * and read only by checks after it. One instant serves the whole verification.
 */
final class CandidateToken {
    final String compact;
    final Expectation expectation;
    final Instant now;

    /** Set by {@link StructureChecks.CompactSerialization}: the three base64url parts and the decoded header. */
    Base64URL[] parts;
    Map<String, Object> header;
    /** Set by {@link HeaderChecks.KnownKey}. */
    JWSVerifier verifier;
    /** Set by {@link SignatureChecks.ReadableJws}. */
    SignedJWT jws;
    /** Set by {@link ClaimChecks.ReadablePayload}, after the signature was verified: the JSON and nimbus's reading of it. */
    Map<String, Object> payload;
    JWTClaimsSet claimSet;
    /** Set by {@link ClaimChecks.RequiredClaims}. */
    TokenClaims claims;

    CandidateToken(String compact, Expectation expectation, Instant now) {
        this.compact = compact;
        this.expectation = expectation;
        this.now = now;
    }

    @Override
    public String toString() {
        return "CandidateToken[" + (claims == null ? "unverified" : claims) + "]";
    }
}
