package io.vestibule.guard;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vestibule.guard.AttemptLedger.Tally;
import io.vestibule.platform.net.AddressRanges;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryAttemptLedgerTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final AttemptLimit TWENTY_IN_TEN_MINUTES = BreakInPolicy.DEFAULT_ADDRESS;
    private static final int THREADS = 8;
    private static final int ATTEMPTS_PER_THREAD = 1000;

    private final InMemoryAttemptLedger ledger = new InMemoryAttemptLedger();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void countsWithinTheWindowAndKeepsTheSourcesOfTheAttemptsKept() {
        assertThat(ledger.record("k", START, "a", TWENTY_IN_TEN_MINUTES)).isEqualTo(new Tally(1, java.util.Set.of("a")));
        assertThat(ledger.record("k", START.plusSeconds(1), "b", TWENTY_IN_TEN_MINUTES)).isEqualTo(new Tally(2, java.util.Set.of("a", "b")));
        assertThat(ledger.record("k", START.plus(Duration.ofMinutes(10)), "c", TWENTY_IN_TEN_MINUTES))
                .as("the first attempt is exactly a window old").isEqualTo(new Tally(2, java.util.Set.of("b", "c")));
        assertThat(ledger.record("other", START, "a", TWENTY_IN_TEN_MINUTES).attempts()).isEqualTo(1);
    }

    @Test
    void neverKeepsMoreThanThresholdPlusOneAttemptsPerKey() {
        for (int i = 0; i < 500; i++) {
            Tally tally = ledger.record("k", START.plusMillis(i), "source" + i, TWENTY_IN_TEN_MINUTES);
            assertThat(tally.attempts()).isEqualTo(Math.min(i + 1, 21));
            assertThat(tally.sources()).hasSizeLessThanOrEqualTo(21);
        }
        assertThat(ledger.attemptsKept("k")).isEqualTo(21);

        ledger.record("k", START.plusSeconds(1), "s", AttemptLimit.of(5, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        assertThat(ledger.attemptsKept("k")).as("a stricter policy shrinks what is kept").isEqualTo(6);
    }

    @Test
    void aBlockHoldsUntilItsEndAndOnlyTheFirstBlockerIsToldItIsNew() {
        Instant until = START.plus(Duration.ofMinutes(10));
        assertThat(ledger.block("k", START, until).fresh()).isTrue();
        assertThat(ledger.block("k", START.plusSeconds(1), until.minusSeconds(60)).fresh()).isFalse();
        assertThat(ledger.blockedUntil("k", START.plusSeconds(2))).contains(until);
        assertThat(ledger.blockedUntil("k", until.minusMillis(1))).contains(until);
        assertThat(ledger.blockedUntil("k", until)).isEmpty();
        assertThat(ledger.block("k", until, until.plusSeconds(5)).fresh()).as("the first block has ended").isTrue();
    }

    @Test
    void clearForgetsAttemptsAndBlock() {
        ledger.record("k", START, "a", TWENTY_IN_TEN_MINUTES);
        ledger.block("k", START, START.plusSeconds(60));
        ledger.clear("k");
        assertThat(ledger.blockedUntil("k", START)).isEmpty();
        assertThat(ledger.record("k", START, "a", TWENTY_IN_TEN_MINUTES).attempts()).isEqualTo(1);
    }

    @Test
    void idleKeysAreForgottenButNotWhileBlocked() {
        ledger.record("quiet", START, "a", TWENTY_IN_TEN_MINUTES);
        ledger.record("blocked", START, "a", TWENTY_IN_TEN_MINUTES);
        ledger.block("blocked", START, START.plus(Duration.ofMinutes(30)));

        ledger.forgetIdle(START.plus(Duration.ofMinutes(10)).minusMillis(1));
        assertThat(ledger.keys()).isEqualTo(2);
        ledger.forgetIdle(START.plus(Duration.ofMinutes(10)));
        assertThat(ledger.keys()).isEqualTo(1);
        ledger.forgetIdle(START.plus(Duration.ofMinutes(30)));
        assertThat(ledger.keys()).isZero();
    }

    @Test
    void recordingSweepsIdleKeysBySelf() {
        for (int i = 0; i < 1000; i++) {
            ledger.record("address:" + i, START, "a", TWENTY_IN_TEN_MINUTES);
        }
        assertThat(ledger.keys()).isEqualTo(1000);
        ledger.record("late", START.plus(Duration.ofMinutes(10)).plus(InMemoryAttemptLedger.SWEEP_INTERVAL), "a", TWENTY_IN_TEN_MINUTES);
        assertThat(ledger.keys()).isEqualTo(1);
    }

    /** Atomic per key: each count from 1 to threshold + 1 is handed out once, the rest all see threshold + 1. */
    @Test
    void concurrentAttemptsOnOneKeyLoseNoCount() throws Exception {
        AtomicIntegerArray seen = new AtomicIntegerArray(TWENTY_IN_TEN_MINUTES.attemptsToKeep() + 1);
        AtomicInteger mostKept = new AtomicInteger();
        runTogether(thread -> {
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                Tally tally = ledger.record("address:203.0.113.9", START, "t" + thread, TWENTY_IN_TEN_MINUTES);
                seen.incrementAndGet(tally.attempts());
                mostKept.accumulateAndGet(ledger.attemptsKept("address:203.0.113.9"), Math::max);
            }
        });

        for (int count = 1; count <= 20; count++) {
            assertThat(seen.get(count)).as("count %d", count).isEqualTo(1);
        }
        assertThat(seen.get(21)).isEqualTo(THREADS * ATTEMPTS_PER_THREAD - 20);
        assertThat(mostKept.get()).isLessThanOrEqualTo(21);
        assertThat(ledger.attemptsKept("address:203.0.113.9")).isEqualTo(21);
    }

    @Test
    void concurrentAttemptsWithAMovingClockKeepTheMemoryBound() throws Exception {
        TestClock clock = new TestClock(START);
        AtomicInteger mostKept = new AtomicInteger();
        runTogether(thread -> {
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                if (thread == 0) {
                    clock.advance(Duration.ofSeconds(7));
                }
                ledger.record("room:r", clock.instant(), "t" + thread, TWENTY_IN_TEN_MINUTES);
                mostKept.accumulateAndGet(ledger.attemptsKept("room:r"), Math::max);
            }
        });
        assertThat(mostKept.get()).isLessThanOrEqualTo(21);
    }

    /** Through the guard: exactly threshold attempts get in, exactly one alarm is raised. */
    @Test
    void concurrentJoinAttemptsFromOneAddressAdmitExactlyTheThreshold() throws Exception {
        RecordingAlarms alarms = new RecordingAlarms();
        BreakInGuard guard = new BreakInGuard(ledger, BreakInPolicy.defaults(), AddressRanges.none(), alarms, new TestClock(START));
        InetAddress scanner = BreakInGuardTest.ip("203.0.113.9");
        AtomicInteger admitted = new AtomicInteger();
        runTogether(thread -> {
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                if (guard.admitJoinAttempt(scanner).isAdmitted()) {
                    admitted.incrementAndGet();
                }
            }
        });
        assertThat(admitted.get()).isEqualTo(20);
        assertThat(alarms.raised).hasSize(1);
    }

    /** Concurrent wrong PINs on one room: the room is blocked once, with one alarm, and memory stays bounded. */
    @Test
    void concurrentPinFailuresBlockTheRoomOnce() throws Exception {
        RecordingAlarms alarms = new RecordingAlarms();
        BreakInGuard guard = new BreakInGuard(ledger, BreakInPolicy.defaults(), AddressRanges.none(), alarms, new TestClock(START));
        runTogether(thread -> {
            InetAddress source = BreakInGuardTest.ip("203.0.113." + (thread + 1));
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                guard.pinFailed("r", source);
            }
        });
        assertThat(guard.roomBlocked("r")).isTrue();
        assertThat(alarms.raised).singleElement().satisfies(alarm -> assertThat(alarm.sources()).isNotEmpty().hasSizeLessThanOrEqualTo(THREADS));
        assertThat(ledger.attemptsKept("room:r")).isLessThanOrEqualTo(21);
    }

    private interface Work {
        void run(int thread) throws Exception;
    }

    private void runTogether(Work work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Callable<Void> task = () -> {
                start.await();
                work.run(thread);
                return null;
            };
            running.add(threads.submit(task));
        }
        start.countDown();
        for (Future<Void> future : running) {
            future.get(30, TimeUnit.SECONDS);
        }
    }
}
