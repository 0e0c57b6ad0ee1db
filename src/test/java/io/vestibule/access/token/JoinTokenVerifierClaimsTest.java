package io.vestibule.access.token;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vestibule.access.ParticipantRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The token-attack matrix of R-JOIN-3, part two: claims, time, conference, revocation, replay. One code each. */
class JoinTokenVerifierClaimsTest {
    private static final Expectation JOIN = Expectation.of(TokenKind.JOIN);

    private final TokenFixture fixture = new TokenFixture();

    private void assertRejected(String token, Expectation expectation, TokenRejection expected) {
        fixture.assertRejected(token, expectation, expected);
    }

    private void assertRejected(String token, TokenRejection expected) {
        fixture.assertRejected(token, JOIN, expected);
    }

    private void assertAccepted(String token, Expectation expectation) {
        fixture.assertAccepted(token, expectation);
    }

    // ---- issuer, audience, claims ------------------------------------------------------------------------------

    /** A media binding ({@code cnf}) is an object with exactly one SHA-256 in base64url; any other shape refuses the token. */
    @Test
    void aMediaBindingIsReadOnlyInItsOneShape() throws Exception {
        String sha256 = "E9Cwm5kDeDSg3gRDk3lRCsxiV5rVw7lx0KSVaIdnMv8";
        Map<String, Object> bound = fixture.claims();
        bound.put("cnf", Map.of("x5t#S256", sha256));
        assertThat(fixture.verifier.verify(fixture.signedByUs(fixture.header(TokenKind.JOIN), bound), JOIN).mediaCertificate())
                .contains(sha256);

        for (Object shape : new Object[] {"x5t#S256", Map.of("x5t#S256", sha256 + "="), Map.of("x5t#S256", sha256.substring(1)),
                Map.of("jkt", sha256), Map.of("x5t#S256", sha256, "jkt", sha256), Map.of("x5t#S256", 42)}) {
            Map<String, Object> claims = fixture.claims();
            claims.put("cnf", shape);
            assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
        }
    }

    @Test
    void wrongIssuerIsRefused() {
        Map<String, Object> claims = fixture.claims();
        claims.put("iss", "https://attacker.example");

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.ISSUER);
    }

    @Test
    void wrongAudienceIsRefused() {
        Map<String, Object> claims = fixture.claims();
        claims.put("aud", "urn:vestibule:admin");

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.AUDIENCE);
    }

    @Test
    void oneAudienceInAnArrayIsAcceptedSeveralAreNot() {
        Map<String, Object> one = fixture.claims();
        one.put("aud", List.of(TokenSettings.AUDIENCE));
        assertAccepted(fixture.signedByUs(fixture.header(TokenKind.JOIN), one), JOIN);

        Map<String, Object> several = fixture.claims();
        several.put("aud", List.of(TokenSettings.AUDIENCE, "urn:other"));
        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), several), TokenRejection.CLAIMS);
    }

    @Test
    void missingRoleIsRefused() {
        Map<String, Object> claims = fixture.claims();
        claims.remove("role");

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
    }

    @Test
    void unknownRoleIsRefused() {
        for (Object role : List.of("admin", "HOST", " host", "", 1, List.of("host"))) {
            Map<String, Object> claims = fixture.claims();
            claims.put("role", role);
            assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
        }
    }

    @Test
    void missingOrMistypedRequiredClaimsAreRefused() {
        for (String name : List.of("iss", "aud", "sub", "room", "jti", "iat", "nbf", "exp")) {
            Map<String, Object> claims = fixture.claims();
            claims.remove(name);
            assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
        }
        for (String name : List.of("iss", "sub", "room", "jti")) {
            Map<String, Object> claims = fixture.claims();
            claims.put(name, 42);
            assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
        }
        for (String name : List.of("iat", "nbf", "exp")) {
            Map<String, Object> claims = fixture.claims();
            claims.put(name, "soon");
            assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
        }
    }

    @Test
    void lifetimeLongerThanTheKindAllowsIsRefused() {
        Map<String, Object> claims = fixture.claims();
        claims.put("exp", (Long) claims.get("iat") + 121);

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
    }

    @Test
    void lobbyLifetimeIsNotAllowedForJoinTokens() {
        Map<String, Object> claims = fixture.claims();
        claims.put("exp", (Long) claims.get("iat") + Duration.ofMinutes(15).toSeconds());

        assertAccepted(fixture.signedByUs(fixture.header(TokenKind.LOBBY), claims), Expectation.of(TokenKind.LOBBY));
        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
    }

    @Test
    void expiryBeforeIssueIsRefused() {
        Map<String, Object> claims = fixture.claims();
        claims.put("exp", (Long) claims.get("iat"));

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.CLAIMS);
    }

    // ---- time ----------------------------------------------------------------------------------------------

    @Test
    void expiredBeyondSkewIsRefused() {
        String token = fixture.join().compact();

        fixture.clock.advance(Duration.ofSeconds(120 + 31));

        assertRejected(token, TokenRejection.EXPIRED);
    }

    @Test
    void expiredButWithinSkewIsAccepted() {
        String token = fixture.join().compact();

        fixture.clock.advance(Duration.ofSeconds(120 + 20));

        assertAccepted(token, JOIN);
    }

    @Test
    void expirySkewBoundaryIsThirtySeconds() {
        String token = fixture.join().compact();

        fixture.clock.advance(Duration.ofSeconds(120 + 30));
        assertAccepted(token, JOIN);

        fixture.clock.advance(Duration.ofMillis(1));
        assertRejected(token, TokenRejection.EXPIRED);

        fixture.clock.advance(Duration.ofMillis(999));
        assertRejected(token, TokenRejection.EXPIRED);
    }

    @Test
    void notBeforeInTheFutureBeyondSkewIsRefused() {
        Map<String, Object> claims = fixture.claims();
        claims.put("nbf", (Long) claims.get("iat") + 60);

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.NOT_YET_VALID);
    }

    @Test
    void notBeforeSkewBoundaryIsThirtySeconds() {
        Map<String, Object> atSkew = fixture.claims();
        atSkew.put("nbf", (Long) atSkew.get("iat") + 30);
        assertAccepted(fixture.signedByUs(fixture.header(TokenKind.JOIN), atSkew), JOIN);

        Map<String, Object> beyond = fixture.claims();
        beyond.put("nbf", (Long) beyond.get("iat") + 31);
        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), beyond), TokenRejection.NOT_YET_VALID);
    }

    @Test
    void issuedInTheFutureBeyondSkewIsRefused() {
        Map<String, Object> claims = fixture.claims();
        long now = (Long) claims.get("iat");
        claims.put("iat", now + 31);
        claims.put("exp", now + 120);

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.NOT_YET_VALID);
    }

    @Test
    void issuedInTheFutureWithinSkewIsAccepted() {
        Map<String, Object> claims = fixture.claims();
        long now = (Long) claims.get("iat");
        claims.put("iat", now + 30);
        claims.put("nbf", now + 30);

        assertAccepted(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), JOIN);
    }

    // ---- conference, revocation, replay ---------------------------------------------------------------------

    @Test
    void aParticipantsTokenIsAJoinTokenOrElseALobbyTokenAndNothingElse() throws TokenRejected {
        String join = fixture.join().compact();
        String lobby = fixture.issuer.issue(TokenKind.LOBBY, "participant-2", "conference-a", ParticipantRole.GUEST).compact();
        String invitation = fixture.issuer.issueInvitation("invitee", "conference-a", ParticipantRole.GUEST,
                TokenFixture.START, TokenFixture.START.plus(Duration.ofHours(1))).compact();

        assertThat(fixture.verifier.verifyJoinOrLobby(join, Optional.of("conference-a")).kind()).isEqualTo(TokenKind.JOIN);
        assertThat(fixture.verifier.verifyJoinOrLobby(lobby, Optional.empty()).kind()).isEqualTo(TokenKind.LOBBY);
        assertThat(catchThrowableOfType(() -> fixture.verifier.verifyJoinOrLobby(invitation, Optional.empty()), TokenRejected.class)
                .rejection()).isEqualTo(TokenRejection.TYPE);
        assertThat(catchThrowableOfType(() -> fixture.verifier.verifyJoinOrLobby(join, Optional.of("conference-b")), TokenRejected.class)
                .rejection()).as("a join token's own rejection is kept").isEqualTo(TokenRejection.ROOM);
        assertThat(catchThrowableOfType(() -> fixture.verifier.verifyJoinOrLobby(lobby, Optional.of("conference-b")), TokenRejected.class)
                .rejection()).isEqualTo(TokenRejection.ROOM);
    }

    @Test
    void tokenOfConferenceAUsedForConferenceBIsRefused() {
        String tokenOfA = fixture.join("participant-1", "conference-a", ParticipantRole.HOST).compact();

        assertAccepted(tokenOfA, JOIN.inConference("conference-a"));
        assertRejected(tokenOfA, JOIN.inConference("conference-b"), TokenRejection.ROOM);
    }

    @Test
    void releasedTokenIsRefused() throws TokenRejected {
        IssuedToken token = fixture.join();
        IssuedToken other = fixture.join();

        fixture.revocations.release(fixture.verifier.verify(token.compact(), JOIN));

        assertRejected(token.compact(), TokenRejection.REVOKED);
        assertAccepted(other.compact(), JOIN);
    }

    @Test
    void tokenOfRemovedParticipantIsRefused() {
        String removed = fixture.join("participant-1", "conference-a", ParticipantRole.GUEST).compact();
        String stays = fixture.join("participant-2", "conference-a", ParticipantRole.GUEST).compact();
        String sameIdElsewhere = fixture.join("participant-1", "conference-b", ParticipantRole.GUEST).compact();

        fixture.revocations.removeParticipant("conference-a", "participant-1");

        assertRejected(removed, TokenRejection.REVOKED);
        assertAccepted(stays, JOIN);
        assertAccepted(sameIdElsewhere, JOIN);
    }

    @Test
    void tokensOfEndedConferenceAreRefused() {
        String host = fixture.join("participant-1", "conference-a", ParticipantRole.HOST).compact();
        String lobby = fixture.issuer.issue(TokenKind.LOBBY, "participant-2", "conference-a", ParticipantRole.GUEST).compact();

        fixture.revocations.endConference("conference-a");

        assertRejected(host, TokenRejection.REVOKED);
        assertRejected(lobby, Expectation.of(TokenKind.LOBBY), TokenRejection.REVOKED);
    }

    @Test
    void replayedSingleUseTokenIsRefused() {
        String token = fixture.join().compact();
        Expectation refresh = JOIN.inConference("conference-a").consumedOnce();

        assertAccepted(token, refresh);
        assertRejected(token, refresh, TokenRejection.REPLAYED);
    }

    @Test
    void aTokenUsedForARefreshIsVoidForEverythingElseToo() {
        String token = fixture.join().compact();
        Expectation control = JOIN.inConference("conference-a");
        assertAccepted(token, control);

        assertAccepted(token, control.consumedOnce());

        assertRejected(token, control, TokenRejection.REPLAYED);
    }

    @Test
    void tokenRefusedForAnotherReasonIsNotUsedUp() {
        String token = fixture.join().compact();

        assertRejected(token, JOIN.inConference("conference-b").consumedOnce(), TokenRejection.ROOM);
        assertAccepted(token, JOIN.inConference("conference-a").consumedOnce());
    }

    @Test
    void invitationIsCheckedAgainstItsWindow() {
        IssuedToken invitation = fixture.issuer.issueInvitation("invitee-7", "conference-a", ParticipantRole.GUEST,
                TokenFixture.START.plus(Duration.ofDays(2)), TokenFixture.START.plus(Duration.ofDays(2).plusHours(1)));
        Expectation expectation = Expectation.of(TokenKind.INVITATION).inConference("conference-a");

        assertRejected(invitation.compact(), expectation, TokenRejection.NOT_YET_VALID);
        assertRejected(invitation.compact(), JOIN, TokenRejection.TYPE);

        fixture.clock.advance(Duration.ofDays(2));
        assertAccepted(invitation.compact(), expectation);
        fixture.revocations.endConference("conference-a");
        assertAccepted(invitation.compact(), expectation);

        fixture.clock.advance(Duration.ofHours(1).plusSeconds(31));
        assertRejected(invitation.compact(), expectation, TokenRejection.EXPIRED);
    }
}
