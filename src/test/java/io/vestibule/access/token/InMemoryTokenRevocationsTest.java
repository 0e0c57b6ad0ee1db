package io.vestibule.access.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.vestibule.access.ParticipantRole;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryTokenRevocationsTest {
    private final TestClock clock = new TestClock(TokenFixture.START);
    private final InMemoryTokenRevocations revocations = new InMemoryTokenRevocations(TokenSettings.defaults(TokenFixture.ISSUER), clock);

    private TokenClaims claims(String tokenId, String participant, String conference, TokenKind kind) {
        Instant now = clock.instant();
        return new TokenClaims(TokenFixture.ISSUER, TokenSettings.AUDIENCE, participant, conference, ParticipantRole.GUEST,
                tokenId, now, now, now.plusSeconds(120), kind);
    }

    @Test
    void consumesEachTokenIdOnce() {
        Instant keepUntil = clock.instant().plusSeconds(150);

        assertThat(revocations.consumeOnce("t1", keepUntil)).isTrue();
        assertThat(revocations.consumeOnce("t1", keepUntil)).isFalse();
        assertThat(revocations.consumeOnce("t2", keepUntil)).isTrue();
    }

    @Test
    void concurrentConsumersOfOneIdGetOneSuccess() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                attempts.add(() -> revocations.consumeOnce("t1", clock.instant().plusSeconds(150)));
            }
            int successes = 0;
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                successes += attempt.get() ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removingAParticipantVoidsOnlyTheTokensIssuedUntilThen() {
        TokenClaims before = claims("t1", "p1", "c1", TokenKind.JOIN);
        TokenClaims lobbyBefore = claims("t2", "p1", "c1", TokenKind.LOBBY);
        revocations.removeParticipant("c1", "p1");
        clock.advance(Duration.ofSeconds(1));
        TokenClaims after = claims("t3", "p1", "c1", TokenKind.JOIN);

        assertThat(revocations.isRevoked(before)).isTrue();
        assertThat(revocations.isRevoked(lobbyBefore)).isTrue();
        assertThat(revocations.isRevoked(after)).isFalse();
        assertThat(revocations.isRevoked(claims("t4", "p2", "c1", TokenKind.JOIN))).isFalse();
    }

    @Test
    void endingAConferenceVoidsItsJoinAndLobbyTokensButNotInvitations() {
        TokenClaims join = claims("t1", "p1", "c1", TokenKind.JOIN);
        TokenClaims invitation = claims("t2", "invitee", "c1", TokenKind.INVITATION);
        TokenClaims elsewhere = claims("t3", "p1", "c2", TokenKind.JOIN);

        revocations.endConference("c1");

        assertThat(revocations.isRevoked(join)).isTrue();
        assertThat(revocations.isRevoked(invitation)).isFalse();
        assertThat(revocations.isRevoked(elsewhere)).isFalse();
    }

    @Test
    void releasedInvitationIsVoid() {
        TokenClaims invitation = claims("t1", "invitee", "c1", TokenKind.INVITATION);

        revocations.release(invitation);

        assertThat(revocations.isRevoked(invitation)).isTrue();
    }

    @Test
    void participantKeysDoNotCollide() {
        revocations.removeParticipant("c1/p", "1");

        assertThat(revocations.isRevoked(claims("t1", "p/1", "c1", TokenKind.JOIN))).isFalse();
        assertThat(revocations.isRevoked(claims("t2", "1", "c1/p", TokenKind.JOIN))).isTrue();
    }

    @Test
    void forgetsEverythingOnceTheTokensConcernedHaveExpired() {
        TokenClaims released = claims("t1", "p1", "c1", TokenKind.JOIN);
        revocations.release(released);
        revocations.consumeOnce("t2", released.expiresAt().plusSeconds(30));
        revocations.removeParticipant("c1", "p2");
        revocations.endConference("c3");
        assertThat(revocations.size()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(120 + 30));
        assertThat(revocations.size()).isEqualTo(2);
        assertThat(revocations.isRevoked(released)).isFalse();

        clock.advance(Duration.ofMinutes(15).minusSeconds(120));
        assertThat(revocations.size()).isZero();
    }

    @Test
    void memoryStaysBoundedUnderSteadyUse() {
        for (int i = 0; i < 10_000; i++) {
            revocations.consumeOnce("t" + i, clock.instant().plusSeconds(150));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(revocations.size()).isLessThanOrEqualTo(150);
    }
}
