package io.vestibule.identity.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionsTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final int PER_USER = 3;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemorySessionStore<UUID> store = new InMemorySessionStore<>();
    private final Sessions<UUID> sessions = new Sessions<>(store,
            () -> new SessionPolicy(IDLE, LIFETIME, PER_USER, 1000, SessionPolicy.WhenFull.END_OLDEST),
            CryptoPolicy.standard(), CryptoPolicy.standard().newSecureRandom(), clock);
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void aStartedSessionResumesWithItsToken() {
        Sessions.Started<UUID> started = start(alice);
        Optional<Session<UUID>> resumed = sessions.resume(started.token());
        assertThat(resumed).hasValueSatisfying(session -> {
            assertThat(session.principal()).isEqualTo(alice);
            assertThat(session.csrfToken()).isEqualTo(started.session().csrfToken());
            assertThat(session.createdAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void tokensAreLongRandomAndUrlSafe() {
        Sessions.Started<UUID> started = start(alice);
        // 256 bits in URL-safe Base64 without padding.
        assertThat(started.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.session().csrfToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.session().csrfToken()).isNotEqualTo(started.token());
    }

    @Test
    void theStoreHoldsTheTokensHashNeverTheToken() throws Exception {
        Sessions.Started<UUID> started = start(alice);
        assertThat(store.all()).hasSize(1);
        Session<UUID> stored = store.all().iterator().next();
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(started.token().getBytes(StandardCharsets.US_ASCII)));
        assertThat(stored.tokenHash()).isEqualTo(expectedHash).isNotEqualTo(started.token());
        assertThat(store.get(started.token())).isEmpty();
        assertThat(stored.toString()).doesNotContain(started.token()).doesNotContain(stored.csrfToken());
        assertThat(started.toString()).doesNotContain(started.token());
    }

    @Test
    void theHashItselfIsNotAToken() {
        start(alice);
        String hash = store.all().iterator().next().tokenHash();
        assertThat(sessions.resume(hash)).isEmpty();
    }

    @Test
    void unknownEmptyAndOverlongTokensResumeNothing() {
        Sessions.Started<UUID> started = start(alice);
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
        Sessions.Started<UUID> started = start(alice);
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.resume(started.token())).hasValueSatisfying(
                session -> assertThat(session.lastSeenAt()).isEqualTo(clock.instant()));
    }

    @Test
    void activityKeepsASessionAlivePastTheIdleTimeout() {
        Sessions.Started<UUID> started = start(alice);
        for (int i = 0; i < 4; i++) {
            clock.advance(IDLE.minusMinutes(1));
            assertThat(sessions.resume(started.token())).isPresent();
        }
    }

    @Test
    void anIdleSessionEndsAndIsRemoved() {
        Sessions.Started<UUID> started = start(alice);
        clock.advance(IDLE.plusSeconds(1));
        assertThat(sessions.resume(started.token())).isEmpty();
        assertThat(store.all()).isEmpty();
        clock.advance(Duration.ofSeconds(-10));
        assertThat(sessions.resume(started.token())).as("removed, not merely refused").isEmpty();
    }

    @Test
    void aSessionEndsAtItsMaximumLifetimeDespiteActivity() {
        Sessions.Started<UUID> started = start(alice);
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
        Sessions.Started<UUID> first = start(alice);
        clock.advance(Duration.ofMinutes(1));
        Sessions.Started<UUID> second = start(alice);
        clock.advance(Duration.ofMinutes(1));
        Sessions.Started<UUID> third = start(alice);
        clock.advance(Duration.ofMinutes(1));
        // The first is used again, so the second is now the least recently seen.
        assertThat(sessions.resume(first.token())).isPresent();
        clock.advance(Duration.ofMinutes(1));

        Sessions.Started<UUID> fourth = start(alice);
        assertThat(store.ofOwner(alice.toString())).hasSize(PER_USER);
        assertThat(sessions.resume(second.token())).isEmpty();
        assertThat(sessions.resume(first.token())).isPresent();
        assertThat(sessions.resume(third.token())).isPresent();
        assertThat(sessions.resume(fourth.token())).isPresent();
    }

    @Test
    void anotherUsersSessionsDoNotCountTowardsTheLimit() {
        Sessions.Started<UUID> bobs = start(bob);
        for (int i = 0; i < PER_USER + 2; i++) {
            clock.advance(Duration.ofSeconds(1));
            start(alice);
        }
        assertThat(store.ofOwner(alice.toString())).hasSize(PER_USER);
        assertThat(sessions.resume(bobs.token())).isPresent();
    }

    @Test
    void startingASessionClearsExpiredOnes() {
        start(bob);
        clock.advance(IDLE.plusMinutes(1));
        start(alice);
        assertThat(store.ofOwner(bob.toString())).isEmpty();
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void anEndedSessionCannotBeResumed() {
        Sessions.Started<UUID> started = start(alice);
        Sessions.Started<UUID> other = start(alice);
        sessions.end(started.token());
        assertThat(sessions.resume(started.token())).isEmpty();
        assertThat(sessions.resume(other.token())).isPresent();
        sessions.end(null);
        sessions.end("unknown");
        assertThat(sessions.resume(other.token())).isPresent();
    }

    @Test
    void csrfTokensMatchOnlyTheExactValue() {
        Session<UUID> session = start(alice).session();
        String csrf = session.csrfToken();
        assertThat(Sessions.csrfTokenMatches(session, csrf)).isTrue();
        assertThat(Sessions.csrfTokenMatches(session, new String(csrf.toCharArray()))).isTrue();
        assertThat(Sessions.csrfTokenMatches(session, null)).isFalse();
        assertThat(Sessions.csrfTokenMatches(session, "")).isFalse();
        assertThat(Sessions.csrfTokenMatches(session, csrf.substring(1))).isFalse();
        assertThat(Sessions.csrfTokenMatches(session, csrf + "A")).isFalse();
    }

    @Test
    void anotherSessionsCsrfTokenDoesNotMatch() {
        Session<UUID> mine = start(alice).session();
        Session<UUID> theirs = start(bob).session();
        assertThat(Sessions.csrfTokenMatches(mine, theirs.csrfToken())).isFalse();
    }

    @Test
    void everyStartGivesNewTokens() {
        Set<String> tokens = new HashSet<>();
        Set<String> csrfTokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Sessions.Started<UUID> started = start(UUID.randomUUID());
            tokens.add(started.token());
            csrfTokens.add(started.session().csrfToken());
        }
        assertThat(tokens).hasSize(200);
        assertThat(csrfTokens).hasSize(200);
    }

    @Test
    void signingInAgainGivesANewTokenAndTheOldOneKeepsOnlyItsOwnSession() {
        Sessions.Started<UUID> first = start(alice);
        Sessions.Started<UUID> second = start(alice);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.session().csrfToken()).isNotEqualTo(first.session().csrfToken());
        assertThat(sessions.resume(first.token())).hasValueSatisfying(
                session -> assertThat(session.csrfToken()).isEqualTo(first.session().csrfToken()));
    }

    @Test
    void underARefusingPolicyTheOwnersSessionAfterTheLimitIsRefusedAndNoneIsEnded() throws Exception {
        Sessions<UUID> admin = refusing(3, 5);
        List<Sessions.Started<UUID>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(admin.start(alice.toString(), alice));
        }
        assertThatThrownBy(() -> admin.start(alice.toString(), alice))
                .isInstanceOfSatisfying(SessionLimitReached.class, refused -> {
                    assertThat(refused.scope()).isEqualTo(SessionLimitReached.Scope.OWNER);
                    assertThat(refused.limit()).isEqualTo(3);
                });
        held.forEach(started -> assertThat(admin.resume(started.token())).isPresent());
        assertThat(admin.start(bob.toString(), bob)).as("another owner is not affected").isNotNull();
    }

    @Test
    void underARefusingPolicyTheServicesSessionAfterTheTotalIsRefused() throws Exception {
        Sessions<UUID> admin = refusing(2, 5);
        for (int i = 0; i < 5; i++) {
            UUID someone = UUID.randomUUID();
            admin.start(someone.toString(), someone);
        }
        assertThatThrownBy(() -> admin.start(alice.toString(), alice))
                .isInstanceOfSatisfying(SessionLimitReached.class,
                        refused -> assertThat(refused.scope()).isEqualTo(SessionLimitReached.Scope.SERVICE));
    }

    @Test
    void endedAndExpiredSessionsFreeTheirPlace() throws Exception {
        Sessions<UUID> admin = refusing(2, 100);
        Sessions.Started<UUID> first = admin.start(alice.toString(), alice);
        admin.start(alice.toString(), alice);
        admin.end(first.token());
        admin.start(alice.toString(), alice);
        clock.advance(IDLE.plusSeconds(1));
        admin.start(alice.toString(), alice);
        assertThat(admin.start(alice.toString(), alice)).isNotNull();
    }

    @Test
    void endingAllOfAnOwnersSessionsLeavesOthersAlone() throws Exception {
        Sessions.Started<UUID> alices = start(alice);
        Sessions.Started<UUID> alicesOther = start(alice);
        Sessions.Started<UUID> bobs = start(bob);
        sessions.endAllOf(alice.toString());
        assertThat(sessions.resume(alices.token())).isEmpty();
        assertThat(sessions.resume(alicesOther.token())).isEmpty();
        assertThat(sessions.resume(bobs.token())).isPresent();
    }

    @Test
    void aShorterIdleTimeoutAppliesToLiveSessionsAtOnce() throws Exception {
        Duration[] idle = {Duration.ofMinutes(30)};
        Sessions<UUID> admin = new Sessions<>(new InMemorySessionStore<>(),
                () -> new SessionPolicy(idle[0], LIFETIME, 10, 100, SessionPolicy.WhenFull.REFUSE),
                CryptoPolicy.standard(), CryptoPolicy.standard().newSecureRandom(), clock);
        Sessions.Started<UUID> started = admin.start(alice.toString(), alice);
        clock.advance(Duration.ofMinutes(6));
        idle[0] = Duration.ofMinutes(5);
        assertThat(admin.resume(started.token())).isEmpty();
    }

    private Sessions<UUID> refusing(int perUser, int total) {
        return new Sessions<>(new InMemorySessionStore<>(),
                () -> new SessionPolicy(IDLE, LIFETIME, perUser, total, SessionPolicy.WhenFull.REFUSE),
                CryptoPolicy.standard(), CryptoPolicy.standard().newSecureRandom(), clock);
    }

    private Sessions.Started<UUID> start(UUID user) {
        try {
            return sessions.start(user.toString(), user);
        } catch (SessionLimitReached e) {
            throw new AssertionError("the portal policy ends the oldest session instead of refusing", e);
        }
    }
}
