package io.vestibule.guard;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vestibule.guard.Verdict.Reason;
import io.vestibule.guard.Verdict.Refused;
import io.vestibule.platform.net.AddressRanges;
import io.vestibule.platform.net.IpLiteral;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BreakInGuardTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final String ROOM = "7c0d5e8a-room";

    private final TestClock clock = new TestClock(START);
    private final InMemoryAttemptLedger ledger = new InMemoryAttemptLedger();
    private final RecordingAlarms alarms = new RecordingAlarms();
    private final BreakInGuard guard = new BreakInGuard(ledger, BreakInPolicy.defaults(),
            AddressRanges.parse("192.0.2.10, 10.0.0.0/8"), alarms, clock);

    private final InetAddress scanner = ip("203.0.113.9");
    private final InetAddress other = ip("198.51.100.20");

    // ---- calendar feeds ---------------------------------------------------------------------------------

    @Test
    void feedFetchesCountNothingOnlyUnknownTokensDo() {
        for (int i = 1; i <= 50; i++) {
            assertThat(guard.admitFeedFetch(scanner).isAdmitted()).as("fetch %d", i).isTrue();
        }
        for (int i = 1; i <= 20; i++) {
            guard.feedTokenUnknown(scanner);
        }
        assertThat(guard.admitFeedFetch(scanner).isAdmitted()).isTrue();

        guard.feedTokenUnknown(scanner);

        assertThat(guard.admitFeedFetch(scanner)).isEqualTo(new Refused(Reason.ADDRESS_BLOCKED, Duration.ofMinutes(10)));
        assertThat(guard.admitJoinAttempt(scanner)).as("one budget per address").isInstanceOf(Refused.class);
        assertThat(guard.admitFeedFetch(other).isAdmitted()).isTrue();
    }

    @Test
    void unknownFeedTokensFromTheAllowListAreNotCounted() {
        InetAddress gateway = ip("192.0.2.10");
        for (int i = 1; i <= 30; i++) {
            guard.feedTokenUnknown(gateway);
        }

        assertThat(guard.admitFeedFetch(gateway).isAdmitted()).isTrue();
        assertThat(alarms.raised).isEmpty();
    }

    // ---- joins per address ------------------------------------------------------------------------------

    @Test
    void twentyJoinAttemptsAreAdmittedAndTheTwentyFirstIsRefused() {
        for (int i = 1; i <= 20; i++) {
            assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).as("attempt %d", i).isTrue();
        }
        Verdict twentyFirst = guard.admitJoinAttempt(scanner);

        assertThat(twentyFirst).isEqualTo(new Refused(Reason.ADDRESS_BLOCKED, Duration.ofMinutes(10)));
        assertThat(((Refused) twentyFirst).retryAfterSeconds()).isEqualTo(600);
        assertThat(alarms.raised).containsExactly(
                new RecordingAlarms.Alarm("address", "203.0.113.9", java.util.Set.of(scanner), START.plus(Duration.ofMinutes(10))));
    }

    @Test
    void aBlockRaisesOneAlarmHoweverManyAttemptsFollow() {
        attempts(scanner, 60);
        assertThat(alarms.raised).hasSize(1);
    }

    @Test
    void theAddressBlockLiftsAfterExactlyTheBlockTime() {
        attempts(scanner, 21);

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(guard.admitJoinAttempt(scanner)).isEqualTo(new Refused(Reason.ADDRESS_BLOCKED, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).isTrue();
    }

    @Test
    void afterTheBlockTheAddressHasAFreshAllowance() {
        attempts(scanner, 21);
        clock.advance(Duration.ofMinutes(10));

        for (int i = 1; i <= 20; i++) {
            assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).as("attempt %d", i).isTrue();
        }
        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).isFalse();
        assertThat(alarms.raised).hasSize(2);
    }

    @Test
    void retryAfterShrinksWithTimeInWholeSecondsRoundedUp() {
        attempts(scanner, 21);

        clock.advance(Duration.ofMinutes(4).plusMillis(500));
        assertThat(retryAfter(guard.admitJoinAttempt(scanner))).isEqualTo(Duration.ofSeconds(360));
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        assertThat(retryAfter(guard.admitJoinAttempt(scanner))).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(499));
        assertThat(retryAfter(guard.admitJoinAttempt(scanner))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSecondAddressIsStillAdmittedWhileTheFirstIsBlocked() {
        attempts(scanner, 21);
        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).isFalse();
        assertThat(guard.admitJoinAttempt(other).isAdmitted()).isTrue();
    }

    @Test
    void attemptsSpreadSoThatNoWindowHoldsTwentyOneNeverBlock() {
        // One attempt every 30 s: any 10 minutes hold 20 of them, for two hours.
        for (int i = 0; i < 240; i++) {
            assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).as("attempt at %s", clock.instant()).isTrue();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(alarms.raised).isEmpty();
    }

    @Test
    void twentyOneAttemptsWithinOneWindowBlockWhereverTheWindowLies() {
        // One attempt every 29 s: the 21st comes 580 s after the 1st.
        for (int i = 1; i <= 20; i++) {
            assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).isTrue();
            clock.advance(Duration.ofSeconds(29));
        }
        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).isFalse();
    }

    @Test
    void anAttemptExactlyAWindowOldNoLongerCounts() {
        attempts(scanner, 20);
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(guard.admitJoinAttempt(other).isAdmitted()).isTrue();
        attempts(other, 19);
        clock.advance(Duration.ofMillis(1));

        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).as("the first 20 are 10 minutes old").isTrue();
        assertThat(guard.admitJoinAttempt(other).isAdmitted()).as("21 within 10 minutes").isFalse();
    }

    @Test
    void allowListedAddressesAreNeitherCountedNorBlocked() {
        for (InetAddress exempt : new InetAddress[] {ip("192.0.2.10"), ip("10.200.3.4"), ip("::ffff:10.0.0.1")}) {
            for (int i = 0; i < 100; i++) {
                assertThat(guard.admitJoinAttempt(exempt).isAdmitted()).isTrue();
                guard.pinFailed(ROOM, exempt);
            }
        }
        assertThat(alarms.raised).isEmpty();
        assertThat(ledger.keys()).isZero();
        assertThat(guard.roomBlocked(ROOM)).isFalse();
    }

    @Test
    void anIpv4MappedAddressIsCountedAsTheIpv4Address() {
        attempts(scanner, 20);
        assertThat(guard.admitJoinAttempt(ip("::ffff:203.0.113.9")).isAdmitted()).isFalse();
    }

    // ---- PINs per room ----------------------------------------------------------------------------------

    @Test
    void twentyWrongPinsAreFineAndTheTwentyFirstBlocksTheRoomWithAnAlarmNamingTheSources() {
        InetAddress[] sources = {ip("203.0.113.1"), ip("203.0.113.2"), ip("2001:db8::3")};
        for (int i = 0; i < 20; i++) {
            guard.pinFailed(ROOM, sources[i % sources.length]);
        }
        assertThat(guard.roomBlocked(ROOM)).isFalse();

        guard.pinFailed(ROOM, sources[0]);

        assertThat(guard.roomBlocked(ROOM)).isTrue();
        assertThat(guard.roomBlocked("another-room")).isFalse();
        assertThat(alarms.raised).singleElement().satisfies(alarm -> {
            assertThat(alarm.kind()).isEqualTo("room");
            assertThat(alarm.subject()).isEqualTo(ROOM);
            assertThat(alarm.sources()).containsExactlyInAnyOrder(sources);
            assertThat(alarm.until()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        });
    }

    @Test
    void theRoomBlockLiftsAfterExactlyTenMinutes() {
        pinFailures(ROOM, scanner, 21);

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(guard.roomBlocked(ROOM)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.roomBlocked(ROOM)).isFalse();
    }

    @Test
    void wrongPinsSpreadOverMoreThanAWindowNeverBlockTheRoom() {
        for (int i = 0; i < 100; i++) {
            guard.pinFailed(ROOM, scanner);
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(guard.roomBlocked(ROOM)).isFalse();
    }

    @Test
    void wrongPinsFromAllowListedSourcesDoNotCount() {
        pinFailures(ROOM, ip("10.1.1.1"), 20);
        pinFailures(ROOM, scanner, 20);
        assertThat(guard.roomBlocked(ROOM)).isFalse();
        guard.pinFailed(ROOM, scanner);
        assertThat(guard.roomBlocked(ROOM)).isTrue();
        assertThat(alarms.raised.get(0).sources()).containsExactly(scanner);
    }

    // ---- password logins --------------------------------------------------------------------------------

    @Test
    void elevenFailedLoginsLockTheAccountForFifteenMinutesAndNotAnother() {
        loginFailures("alice", scanner, 10);
        assertThat(guard.admitLogin("alice", scanner).isAdmitted()).isTrue();

        guard.loginFailed("alice", scanner);

        assertThat(guard.admitLogin("alice", other)).isEqualTo(new Refused(Reason.ACCOUNT_BLOCKED, Duration.ofMinutes(15)));
        assertThat(guard.admitLogin("bob", other).isAdmitted()).isTrue();
        assertThat(guard.admitLogin("bob", scanner).isAdmitted()).as("the address made 11 attempts of 20").isTrue();
        assertThat(alarms.raised).singleElement().satisfies(alarm -> {
            assertThat(alarm.kind()).isEqualTo("account");
            assertThat(alarm.subject()).isEqualTo("alice");
            assertThat(alarm.sources()).containsExactly(scanner);
        });

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(guard.admitLogin("alice", other).isAdmitted()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.admitLogin("alice", other).isAdmitted()).isTrue();
    }

    @Test
    void aSuccessfulLoginClearsTheFailures() {
        loginFailures("alice", other, 10);
        guard.loginSucceeded("alice");
        loginFailures("alice", other, 10);
        assertThat(guard.admitLogin("alice", other).isAdmitted()).isTrue();
        guard.loginFailed("alice", other);
        assertThat(guard.admitLogin("alice", other).isAdmitted()).isFalse();
    }

    @Test
    void accountsAreCountedWhateverTheirCaseOrWidth() {
        String[] spellings = {"alice", "Alice", "ALICE", " alice ", "ａｌｉｃｅ", "aLiCe"};
        for (int i = 0; i < 11; i++) {
            guard.loginFailed(spellings[i % spellings.length], ip("203.0.113." + (i + 1)));
        }
        for (String spelling : spellings) {
            assertThat(guard.admitLogin(spelling, other)).as(spelling).isInstanceOf(Refused.class);
        }
        guard.loginSucceeded("ALICE");
        assertThat(guard.admitLogin("alice", other).isAdmitted()).isTrue();
    }

    @Test
    void failedLoginsCountTowardsTheSourceAddressLikeJoins() {
        attempts(scanner, 15);
        for (int i = 0; i < 5; i++) {
            guard.loginFailed("user" + i, scanner);
        }
        assertThat(alarms.raised).isEmpty();

        guard.loginFailed("user5", scanner);

        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).isFalse();
        assertThat(guard.admitLogin("someone", scanner))
                .isEqualTo(new Refused(Reason.ADDRESS_BLOCKED, Duration.ofMinutes(10)));
        assertThat(alarms.raised).extracting(RecordingAlarms.Alarm::kind).containsExactly("address");
    }

    @Test
    void singleSignOnStartsDrawOnTheAddressBudgetOfJoins() {
        attempts(scanner, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(guard.admitSignInStart(scanner).isAdmitted()).as("start %d", i).isTrue();
        }

        assertThat(guard.admitSignInStart(scanner)).isEqualTo(new Refused(Reason.ADDRESS_BLOCKED, Duration.ofMinutes(10)));
        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).isFalse();
        assertThat(guard.admitSignInStart(other).isAdmitted()).isTrue();
        assertThat(guard.admitSignInStart(ip("192.0.2.10")).isAdmitted()).as("allow-listed").isTrue();
    }

    @Test
    void failedLoginsFromAnAllowListedAddressStillLockTheAccountButNotTheAddress() {
        InetAddress office = ip("10.20.30.40");
        loginFailures("alice", office, 11);
        for (int i = 0; i < 30; i++) {
            guard.loginFailed("user" + i, office);
        }
        assertThat(guard.admitLogin("alice", office).isAdmitted()).isFalse();
        assertThat(guard.admitLogin("bob", office).isAdmitted()).isTrue();
        assertThat(guard.admitJoinAttempt(office).isAdmitted()).isTrue();
    }

    @Test
    void accountNamesAreBoundedAndStillDistinct() {
        String base = "x".repeat(10_000);
        String first = BreakInGuard.accountName(base + "1");
        String second = BreakInGuard.accountName(base + "2");
        assertThat(first).hasSizeLessThanOrEqualTo(BreakInGuard.LONGEST_KEY_TEXT).isNotEqualTo(second);
        assertThat(BreakInGuard.accountName(base.toUpperCase() + "1")).isEqualTo(first);

        loginFailures(base + "1", other, 11);
        assertThat(guard.admitLogin(base + "1", other).isAdmitted()).isFalse();
        assertThat(guard.admitLogin(base + "2", other).isAdmitted()).isTrue();
        assertThat(alarms.raised.get(0).subject()).isEqualTo(first);
    }

    // ---- policy and verdicts ----------------------------------------------------------------------------

    @Test
    void theRulesAreConfigurable() {
        BreakInPolicy strict = new BreakInPolicy(AttemptLimit.of(2, Duration.ofMinutes(1), Duration.ofSeconds(30)),
                AttemptLimit.of(3, Duration.ofMinutes(1), Duration.ofSeconds(30)),
                AttemptLimit.of(1, Duration.ofMinutes(1), Duration.ofSeconds(30)));
        BreakInGuard strictGuard = new BreakInGuard(new InMemoryAttemptLedger(), strict, AddressRanges.none(), alarms, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(strictGuard.admitJoinAttempt(scanner).isAdmitted()).isTrue();
        }
        assertThat(strictGuard.admitJoinAttempt(scanner)).isEqualTo(new Refused(Reason.ADDRESS_BLOCKED, Duration.ofSeconds(30)));
        strictGuard.pinFailed(ROOM, other);
        strictGuard.pinFailed(ROOM, other);
        assertThat(strictGuard.roomBlocked(ROOM)).isFalse();
        strictGuard.pinFailed(ROOM, other);
        assertThat(strictGuard.roomBlocked(ROOM)).isTrue();
    }

    @Test
    void theDefaultsAreTheSeedsFigures() {
        BreakInPolicy defaults = BreakInPolicy.defaults();
        assertThat(defaults.room()).isEqualTo(AttemptLimit.of(20, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        assertThat(defaults.address()).isEqualTo(AttemptLimit.of(20, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        assertThat(defaults.account()).isEqualTo(AttemptLimit.of(10, Duration.ofMinutes(15), Duration.ofMinutes(15)));
    }

    @Test
    void limitsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> AttemptLimit.of(0, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> AttemptLimit.of(-5, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> AttemptLimit.of(20, Duration.ZERO, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> AttemptLimit.of(20, Duration.ofMinutes(1), Duration.ofMinutes(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> AttemptLimit.of(20, Duration.ofNanos(10), Duration.ofMinutes(1)));
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(retryAfter(Verdict.refused(Reason.ADDRESS_BLOCKED, Duration.ofMillis(1)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(retryAfter(Verdict.refused(Reason.ADDRESS_BLOCKED, Duration.ZERO))).isEqualTo(Duration.ofSeconds(1));
        assertThat(retryAfter(Verdict.refused(Reason.ADDRESS_BLOCKED, Duration.ofMillis(-300)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(retryAfter(Verdict.refused(Reason.ADDRESS_BLOCKED, Duration.ofMillis(1001)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(retryAfter(Verdict.refused(Reason.ADDRESS_BLOCKED, Duration.ofSeconds(600)))).isEqualTo(Duration.ofSeconds(600));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    @Test
    void ipv6AddressesOfOneSlash64ShareOneCounter() {
        for (int host = 1; host <= 20; host++) {
            assertThat(guard.admitJoinAttempt(ip("2001:db8:aa:bb::" + Integer.toHexString(host))).isAdmitted()).isTrue();
        }

        assertThat(guard.admitJoinAttempt(ip("2001:db8:aa:bb:ffff:1:2:3")).isAdmitted()).isFalse();
        assertThat(guard.admitJoinAttempt(ip("2001:db8:aa:cc::1")).isAdmitted()).as("the next /64 is another host").isTrue();
    }

    private void attempts(InetAddress source, int count) {
        for (int i = 0; i < count; i++) {
            guard.admitJoinAttempt(source);
        }
    }

    private void pinFailures(String room, InetAddress source, int count) {
        for (int i = 0; i < count; i++) {
            guard.pinFailed(room, source);
        }
    }

    private void loginFailures(String account, InetAddress source, int count) {
        for (int i = 0; i < count; i++) {
            guard.loginFailed(account, source);
        }
    }

    private static Duration retryAfter(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Refused.class);
        return ((Refused) verdict).retryAfter();
    }

    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
