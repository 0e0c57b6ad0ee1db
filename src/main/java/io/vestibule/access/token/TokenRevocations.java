package io.vestibule.access.token;

import java.time.Instant;

/**
 * Tokens that are void before they expire, and single-use tokens already used. Revoking a participant or a
 * conference voids the join and lobby tokens issued up to that moment (by {@code iat}, whole seconds, so a token
 * issued in the same second is voided too); invitations are voided only one by one, since a room outlives a
 * conference. An implementation may forget an entry once every token it concerns has expired.
 */
public interface TokenRevocations {

    boolean isRevoked(TokenClaims claims);

    /**
     * Marks a token as used; false if it already was. Atomic: of concurrent calls with one id, exactly one gets
     * true. The id is remembered at least until {@code keepUntil}.
     */
    boolean consumeOnce(String tokenId, Instant keepUntil);

    /** Whether the token was used up by {@link #consumeOnce}. */
    boolean isConsumed(String tokenId);

    /** The token is void (the client released it on leaving). */
    void release(TokenClaims claims);

    /** Every join and lobby token of this participant issued so far is void. */
    void removeParticipant(String conferenceId, String participantId);

    /** Every join and lobby token of this conference issued so far is void. */
    void endConference(String conferenceId);
}
