package io.vestibule.identity.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class PortalSessionsTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final int PER_USER = 3;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final PortalSessions sessions = new PortalSessions(store, new SessionPolicy(IDLE, LIFETIME, PER_USER),
            CryptoPolicy.standard(), CryptoPolicy.standard().newSecureRandom(), clock);
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void aStartedSessionResumesWithItsToken() {
        PortalSessions.Started started = sessions.start(alice);
        Optional<PortalSession> resumed = sessions.resume(started.token());
        assertThat(resumed).hasValueSatisfying(session -> {
            assertThat(session.userId()).isEqualTo(alice);
            assertThat(session.csrfToken()).isEqualTo(started.session().csrfToken());
            assertThat(session.createdAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void tokensAreLongRandomAndUrlSafe() {
        PortalSessions.Started started = sessions.start(alice);
        // 256 bits in URL-safe Base64 without padding.
        assertThat(started.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.session().csrfToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.session().csrfToken()).isNotEqualTo(started.token());
    }

    @Test
    void theStoreHoldsTheTokensHashNeverTheToken() throws Exception {
        PortalSessions.Started started = sessions.start(alice);
        assertThat(store.all()).hasSize(1);
        PortalSession stored = store.all().iterator().next();
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(started.token().getBytes(StandardCharsets.US_ASCII)));
        assertThat(stored.tokenHash()).isEqualTo(expectedHash).isNotEqualTo(started.token());
        assertThat(store.get(started.token())).isEmpty();
        assertThat(stored.toString()).doesNotContain(started.token()).doesNotContain(stored.csrfToken());
        assertThat(started.toString()).doesNotContain(started.token());
    }

    @Test
    void theHashItselfIsNotAToken() {
        sessions.start(alice);
        String hash = store.all().iterator().next().tokenHash();
        assertThat(sessions.resume(hash)).isEmpty();
    }

    @Test
    void unknownEmptyAndOverlongTokensResumeNothing() {
        PortalSessions.Started started = sessions.start(alice);
        assertThat(sessions.resume("unknown-token")).isEmpty();
        assertThat(sessions.resume("")).isEmpty();
        assertThat(sessions.resume(null)).isEmpty();
        assertThat(sessions.resume("a".repeat(101))).isEmpty();
        assertThat(sessions.resume(started.token() + "x".repeat(100))).isEmpty();
        assertThat(sessions.resume(started.token().substring(1))).isEmpty();
        assertThat(sessions.resume(started.token())).isPresent();
    }

    @Test
    void resumingMarksTheSessionAsSeen() {
        PortalSessions.Started started = sessions.start(alice);
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.resume(started.token())).hasValueSatisfying(
                session -> assertThat(session.lastSeenAt()).isEqualTo(clock.instant()));
    }

    @Test
    void activityKeepsASessionAlivePastTheIdleTimeout() {
        PortalSessions.Started started = sessions.start(alice);
        for (int i = 0; i < 4; i++) {
            clock.advance(IDLE.minusMinutes(1));
            assertThat(sessions.resume(started.token())).isPresent();
        }
    }

    @Test
    void anIdleSessionEndsAndIsRemoved() {
        PortalSessions.Started started = sessions.start(alice);
        clock.advance(IDLE.plusSeconds(1));
        assertThat(sessions.resume(started.token())).isEmpty();
        assertThat(store.all()).isEmpty();
        clock.advance(Duration.ofSeconds(-10));
        assertThat(sessions.resume(started.token())).as("removed, not merely refused").isEmpty();
    }

    @Test
    void aSessionEndsAtItsMaximumLifetimeDespiteActivity() {
        PortalSessions.Started started = sessions.start(alice);
        Instant created = clock.instant();
        while (clock.instant().isBefore(created.plus(LIFETIME))) {
            assertThat(sessions.resume(started.token())).isPresent();
            clock.advance(Duration.ofMinutes(20));
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(clock.instant()).isAfter(created.plus(LIFETIME));
        assertThat(clock.instant()).as("the last request was within the idle timeout")
                .isBefore(created.plus(LIFETIME).minus(Duration.ofMinutes(20)).plus(IDLE));
        assertThat(sessions.resume(started.token())).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void theUsersOldestSessionMakesWayBeyondTheLimit() {
        PortalSessions.Started first = sessions.start(alice);
        clock.advance(Duration.ofMinutes(1));
        PortalSessions.Started second = sessions.start(alice);
        clock.advance(Duration.ofMinutes(1));
        PortalSessions.Started third = sessions.start(alice);
        clock.advance(Duration.ofMinutes(1));
        // The first is used again, so the second is now the least recently seen.
        assertThat(sessions.resume(first.token())).isPresent();
        clock.advance(Duration.ofMinutes(1));

        PortalSessions.Started fourth = sessions.start(alice);
        assertThat(store.ofUser(alice)).hasSize(PER_USER);
        assertThat(sessions.resume(second.token())).isEmpty();
        assertThat(sessions.resume(first.token())).isPresent();
        assertThat(sessions.resume(third.token())).isPresent();
        assertThat(sessions.resume(fourth.token())).isPresent();
    }

    @Test
    void anotherUsersSessionsDoNotCountTowardsTheLimit() {
        PortalSessions.Started bobs = sessions.start(bob);
        for (int i = 0; i < PER_USER + 2; i++) {
            clock.advance(Duration.ofSeconds(1));
            sessions.start(alice);
        }
        assertThat(store.ofUser(alice)).hasSize(PER_USER);
        assertThat(sessions.resume(bobs.token())).isPresent();
    }

    @Test
    void startingASessionClearsExpiredOnes() {
        sessions.start(bob);
        clock.advance(IDLE.plusMinutes(1));
        sessions.start(alice);
        assertThat(store.ofUser(bob)).isEmpty();
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void anEndedSessionCannotBeResumed() {
        PortalSessions.Started started = sessions.start(alice);
        PortalSessions.Started other = sessions.start(alice);
        sessions.end(started.token());
        assertThat(sessions.resume(started.token())).isEmpty();
        assertThat(sessions.resume(other.token())).isPresent();
        sessions.end(null);
        sessions.end("unknown");
        assertThat(sessions.resume(other.token())).isPresent();
    }

    @Test
    void csrfTokensMatchOnlyTheExactValue() {
        PortalSession session = sessions.start(alice).session();
        String csrf = session.csrfToken();
        assertThat(PortalSessions.csrfTokenMatches(session, csrf)).isTrue();
        assertThat(PortalSessions.csrfTokenMatches(session, new String(csrf.toCharArray()))).isTrue();
        assertThat(PortalSessions.csrfTokenMatches(session, null)).isFalse();
        assertThat(PortalSessions.csrfTokenMatches(session, "")).isFalse();
        assertThat(PortalSessions.csrfTokenMatches(session, csrf.substring(1))).isFalse();
        assertThat(PortalSessions.csrfTokenMatches(session, csrf + "A")).isFalse();
    }

    @Test
    void anotherSessionsCsrfTokenDoesNotMatch() {
        PortalSession mine = sessions.start(alice).session();
        PortalSession theirs = sessions.start(bob).session();
        assertThat(PortalSessions.csrfTokenMatches(mine, theirs.csrfToken())).isFalse();
    }

    @Test
    void everyStartGivesNewTokens() {
        Set<String> tokens = new HashSet<>();
        Set<String> csrfTokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            PortalSessions.Started started = sessions.start(UUID.randomUUID());
            tokens.add(started.token());
            csrfTokens.add(started.session().csrfToken());
        }
        assertThat(tokens).hasSize(200);
        assertThat(csrfTokens).hasSize(200);
    }

    @Test
    void signingInAgainGivesANewTokenAndTheOldOneKeepsOnlyItsOwnSession() {
        PortalSessions.Started first = sessions.start(alice);
        PortalSessions.Started second = sessions.start(alice);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.session().csrfToken()).isNotEqualTo(first.session().csrfToken());
        assertThat(sessions.resume(first.token())).hasValueSatisfying(
                session -> assertThat(session.csrfToken()).isEqualTo(first.session().csrfToken()));
    }
}
