package io.vestibule.guard;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vestibule.platform.net.AddressRanges;
import io.vestibule.testing.TestClock;

import static io.vestibule.guard.BreakInGuardTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The blocks in force, and an administrator lifting one before its end. */
class BreakInGuardBlocksTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final String ROOM = "7c0d5e8a-room";

    private final TestClock clock = new TestClock(START);
    private final RecordingAlarms alarms = new RecordingAlarms();
    private final BreakInGuard guard = new BreakInGuard(new InMemoryAttemptLedger(), BreakInPolicy.defaults(),
            AddressRanges.parse("192.0.2.10"), alarms, clock);

    private final InetAddress scanner = ip("203.0.113.9");
    private final InetAddress other = ip("198.51.100.20");

    @Test
    void theBlocksInForceAreListedWithWhatTheyBlockUntilWhenAndFromWhere() {
        joinAttempts(scanner, 21);
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 21; i++) {
            guard.pinFailed(ROOM, other);
            guard.pinFailed(ROOM, ip("192.0.2.10"));
        }
        for (int i = 0; i < 11; i++) {
            guard.loginFailed("Alice", ip("198.51.100.30"));
        }

        assertThat(guard.blocks()).containsExactly(
                new Block(BlockKind.ADDRESS, "203.0.113.9", START.plus(Duration.ofMinutes(10)), Set.of("203.0.113.9"), Optional.of("1")),
                new Block(BlockKind.ROOM, ROOM, START.plus(Duration.ofMinutes(11)), Set.of("198.51.100.20"), Optional.of("2")),
                new Block(BlockKind.ACCOUNT, "alice", START.plus(Duration.ofMinutes(16)), Set.of("198.51.100.30"), Optional.of("3")));

        clock.advance(Duration.ofMinutes(9));
        assertThat(guard.blocks()).extracting(Block::kind).as("a block that ended is not listed")
                .containsExactly(BlockKind.ROOM, BlockKind.ACCOUNT);
    }

    @Test
    void aLiftedAddressIsAdmittedAtOnceWithAFreshAllowanceAndItsAlarmClears() {
        joinAttempts(scanner, 21);
        clock.advance(Duration.ofMinutes(2));

        assertThat(guard.lift(BlockKind.ADDRESS, "203.0.113.9")).map(Block::until).contains(START.plus(Duration.ofMinutes(10)));

        assertThat(alarms.lifted).containsExactlyElementsOf(alarms.raised);
        for (int i = 1; i <= 20; i++) {
            assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).as("attempt %d after the lift", i).isTrue();
        }
        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).as("the 21st within a window blocks again").isFalse();
        assertThat(alarms.raised).hasSize(2);
        assertThat(guard.blocks()).hasSize(1);
    }

    @Test
    void aLiftedRoomTakesPinsAgainAndTheNextWrongOneDoesNotBlockIt() {
        for (int i = 0; i < 21; i++) {
            guard.pinFailed(ROOM, other);
        }
        assertThat(guard.roomBlocked(ROOM)).isTrue();

        assertThat(guard.lift(BlockKind.ROOM, ROOM)).isPresent();
        guard.pinFailed(ROOM, other);

        assertThat(guard.roomBlocked(ROOM)).isFalse();
        assertThat(alarms.lifted).extracting(RecordingAlarms.Alarm::subject).containsExactly(ROOM);
    }

    @Test
    void aLiftedAccountSignsInAgainNamedAsTheGuardCountsItOrAsTyped() {
        for (int i = 0; i < 11; i++) {
            guard.loginFailed("alice", scanner);
        }
        assertThat(guard.admitLogin("alice", other).isAdmitted()).isFalse();

        assertThat(guard.lift(BlockKind.ACCOUNT, " ALICE")).map(Block::subject).contains("alice");

        assertThat(guard.admitLogin("alice", other).isAdmitted()).isTrue();
        guard.loginFailed("alice", other);
        assertThat(guard.admitLogin("alice", other).isAdmitted()).isTrue();
        assertThat(guard.admitLogin("alice", scanner).isAdmitted()).as("the address's own count is another block").isTrue();
    }

    @Test
    void anIpv6BlockIsLiftedByItsSlash64AsListedOrByAnyAddressInIt() {
        joinAttempts(ip("2001:db8:aa:bb::1"), 21);
        assertThat(guard.blocks()).extracting(Block::subject).containsExactly("2001:db8:aa:bb:0:0:0:0/64");

        assertThat(guard.lift(BlockKind.ADDRESS, "2001:db8:aa:bb:0:0:0:0/64")).isPresent();

        joinAttempts(ip("2001:db8:aa:bb::1"), 21);
        assertThat(guard.lift(BlockKind.ADDRESS, "2001:db8:aa:bb::77")).isPresent();
        assertThat(guard.admitJoinAttempt(ip("2001:db8:aa:bb::1")).isAdmitted()).isTrue();
        assertThat(alarms.lifted).hasSize(2);
    }

    @Test
    void nothingIsLiftedWhereNoBlockIsInForce() {
        joinAttempts(scanner, 20);
        assertThat(guard.lift(BlockKind.ADDRESS, "203.0.113.9")).as("counted, not blocked").isEmpty();
        assertThat(guard.admitJoinAttempt(scanner).isAdmitted()).as("and its attempts still count").isFalse();

        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.lift(BlockKind.ADDRESS, "203.0.113.9")).as("the block has ended").isEmpty();
        assertThat(guard.lift(BlockKind.ROOM, ROOM)).isEmpty();
        assertThat(guard.lift(BlockKind.ACCOUNT, "nobody")).isEmpty();
        assertThat(alarms.lifted).isEmpty();
    }

    @Test
    void aSecondBlockAfterTheFirstEndedClearsItsOwnAlarmWhenLifted() {
        joinAttempts(scanner, 21);
        clock.advance(Duration.ofMinutes(10));
        joinAttempts(scanner, 21);

        guard.lift(BlockKind.ADDRESS, "203.0.113.9");

        assertThat(alarms.lifted).containsExactly(alarms.raised.get(1));
    }

    @Test
    void aBlockExtendedByAGuessCountedAfterItBeganMovesItsAlarmsEndWithIt() {
        for (int i = 0; i < 21; i++) {
            guard.pinFailed(ROOM, other);
        }
        clock.advance(Duration.ofMinutes(3));

        guard.pinFailed(ROOM, other);

        assertThat(guard.blocks()).extracting(Block::until).containsExactly(START.plus(Duration.ofMinutes(13)));
        assertThat(alarms.raised).extracting(RecordingAlarms.Alarm::until).containsExactly(START.plus(Duration.ofMinutes(10)));
        assertThat(alarms.extended).containsExactly(new RecordingAlarms.Extension("1", START.plus(Duration.ofMinutes(13))));
    }

    @Test
    void aBlockExtendedWhileItsAlarmIsBeingRaisedMovesTheAlarmsEndAllTheSame() {
        BreakInGuard[] raising = new BreakInGuard[1];
        BreakInAlarms slowToRaise = new BreakInAlarms() {
            @Override
            public String roomBlocked(String roomId, Set<InetAddress> sources, Instant until) {
                clock.advance(Duration.ofSeconds(5));
                raising[0].pinFailed(roomId, other);
                return alarms.roomBlocked(roomId, sources, until);
            }

            @Override
            public String addressBlocked(InetAddress address, Instant until) {
                return alarms.addressBlocked(address, until);
            }

            @Override
            public String accountBlocked(String account, Set<InetAddress> sources, Instant until) {
                return alarms.accountBlocked(account, sources, until);
            }

            @Override
            public void blockExtended(String alarm, Instant until) {
                alarms.blockExtended(alarm, until);
            }

            @Override
            public void blockLifted(String alarm) {
                alarms.blockLifted(alarm);
            }
        };
        raising[0] = new BreakInGuard(new InMemoryAttemptLedger(), BreakInPolicy.defaults(), AddressRanges.parse("192.0.2.10"), slowToRaise, clock);

        for (int i = 0; i < 21; i++) {
            raising[0].pinFailed(ROOM, other);
        }

        Instant end = START.plus(Duration.ofMinutes(10)).plusSeconds(5);
        assertThat(raising[0].blocks()).extracting(Block::until).containsExactly(end);
        assertThat(alarms.extended).containsExactly(new RecordingAlarms.Extension("1", end));
    }

    @Test
    void aSubjectThatCannotNameSuchABlockIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> guard.lift(BlockKind.ADDRESS, "not-an-address"));
        assertThatIllegalArgumentException().isThrownBy(() -> guard.lift(BlockKind.ADDRESS, "203.0.113.9/64"));
        assertThatIllegalArgumentException().isThrownBy(() -> guard.lift(BlockKind.ROOM, ""));
    }

    private void joinAttempts(InetAddress source, int count) {
        for (int i = 0; i < count; i++) {
            guard.admitJoinAttempt(source);
        }
    }
}
