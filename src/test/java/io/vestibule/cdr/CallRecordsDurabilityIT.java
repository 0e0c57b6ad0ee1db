package io.vestibule.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-CDR-2 under a crash: the service is killed with SIGKILL while joins are being recorded; after a restart on the
 * same data, every record it had acknowledged (fsynced in its journal) is in the database and the chain verifies.
 *
 * <p>Both tests share one data directory, in this order: the first starts the service fresh (its chain must begin at
 * sequence 1), and the second's kill rounds continue on the service the first restarted, in a meeting of their own,
 * instead of starting another fresh one (a start costs 10 to 20 s). The first test's kill is also the second's first
 * round (a burst begins once the first has its acknowledged records, and the kill comes during both), so the second
 * checks that round's records, then runs the other two. Run alone, the second starts its own and runs all three.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallRecordsDurabilityIT {
    private static final int BURST_ROUNDS = 3;

    /** The service the last test left running, and the meeting booked for the burst rounds before the first kill. */
    private static VestibuleServer running;
    private static JsonObject burstMeeting;
    /** The burst rounds done so far (the first test's kill is the first round), and the joins they had answered. */
    private static int burstRoundsDone;
    private static final Set<String> burstAnswered = ConcurrentHashMap.newKeySet();

    @AfterAll
    static void stopTheService() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    @Order(1)
    void everyAcknowledgedRecordSurvivesKillNineAndTheChainVerifies() throws Exception {
        VestibuleServer first = VestibuleServer.start("cdr-durability", Map.of(), () -> { });
        running = first;
        long acknowledgedBeforeKill;
        AtomicInteger joins = new AtomicInteger();
        PortalClient alice = first.newClient().signIn("alice", first.demoPassword());
        JsonObject meeting = Meetings.openNow(alice, "host_pin_only", false);
        burstMeeting = Meetings.openNow(alice, "host_pin_only", false);
        AdminClient carol = first.newAdminClient().signIn("carol", first.demoPassword());
        AtomicBoolean joining = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (joining.get()) {
                ApiResponse answer = first.newClient().from("198.51.100." + (50 + joins.get() % 100)).sendWithoutCsrf("POST",
                        "/api/v1/join/" + Meetings.alias(meeting),
                        Json.createObjectBuilder().add("displayName", "Load " + joins.get()).build().toString());
                if (answer.status() == 200) {
                    joins.incrementAndGet();
                }
            }
        });
        load.setDaemon(true);
        load.start();
        try {
            acknowledgedBeforeKill = awaitAcknowledged(carol, 150);
            // The second test's first round of bursts, on this kill: a start fewer (its records are checked there).
            killDuringABurstOfJoins(first, Meetings.alias(burstMeeting), 0, burstAnswered);
            burstRoundsDone = 1;
        } finally {
            first.killAbruptly();
            joining.set(false);
            load.join(30_000);
        }
        assertThat(joins.get()).as("joins answered before the crash").isPositive();

        VestibuleServer restarted = VestibuleServer.start("cdr-durability-restarted", Map.of(), VestibuleServer.README_JVM_OPTIONS,
                first.dataDirectory(), () -> { });
        running = restarted;
        AdminClient auditor = restarted.newAdminClient().signIn("carol", restarted.demoPassword());
        JsonObject report = awaitStored(auditor, acknowledgedBeforeKill);
        assertThat(report.getBoolean("intact")).as(report.toString()).isTrue();
        assertThat(report.getJsonNumber("firstSequence").longValue()).isEqualTo(1);
        assertThat(report.getJsonNumber("recordsChecked").longValue()).as("no gaps")
                .isEqualTo(report.getJsonNumber("lastSequence").longValue());
        assertThat(report.getJsonNumber("lastSequence").longValue()).isGreaterThanOrEqualTo(acknowledgedBeforeKill);
    }

    /**
     * Penetration test, finding 7: a join answered just before a crash had no record in one run of two, because the
     * answer did not wait for the journal. Three rounds: joins from 8 threads, and SIGKILL while they still arrive,
     * as soon as 30 were answered; after each restart every join answered 200 has its record.
     */
    @Test
    @Order(2)
    void everyAnsweredJoinHasItsRecordAfterKillNineDuringABurst() throws Exception {
        if (running == null || !running.running()) {
            if (running != null) {
                running.close();
            }
            running = VestibuleServer.start("cdr-answered-joins", Map.of(), () -> { });
            burstMeeting = Meetings.openNow(running.newClient().signIn("alice", running.demoPassword()), "host_pin_only", false);
            burstRoundsDone = 0;
            burstAnswered.clear();
        }
        Set<String> answered = burstAnswered;
        String roomId = burstMeeting.getJsonObject("room").getString("id");
        if (burstRoundsDone > 0) {
            new CallRecordsProbe(running).awaitJoinsRecorded(roomId, answered);
        }
        for (int round = burstRoundsDone; round < BURST_ROUNDS; round++) {
            killDuringABurstOfJoins(running, Meetings.alias(burstMeeting), round, answered);
            running = VestibuleServer.start("cdr-answered-joins-" + round, Map.of(), VestibuleServer.README_JVM_OPTIONS,
                    running.dataDirectory(), () -> { });
            new CallRecordsProbe(running).awaitJoinsRecorded(roomId, answered);
        }
        assertThat(answered).as("joins answered over the three rounds").hasSizeGreaterThanOrEqualTo(BURST_ROUNDS * 30);
    }

    /** Joins from 8 threads, each from an address of its own, killed once 30 are answered; answered ones are added. */
    private static void killDuringABurstOfJoins(VestibuleServer server, String alias, int round, Set<String> answered) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch enough = new CountDownLatch(30);
        try {
            for (int i = 0; i < 60; i++) {
                String source = "198.51." + (101 + round) + "." + (1 + i);
                String name = "Burst " + round + "-" + i;
                threads.execute(() -> {
                    try {
                        ApiResponse answer = server.newClient().from(source).sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                                Json.createObjectBuilder().add("displayName", name).build().toString());
                        if (answer.status() == 200) {
                            answered.add(answer.json().getString("participantId"));
                            enough.countDown();
                        }
                    } catch (RuntimeException killed) {
                        // Sent as the service died: never answered, so nothing is owed.
                    }
                });
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("30 joins answered").isTrue();
            server.killAbruptly();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static long awaitAcknowledged(AdminClient auditor, long atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            long acknowledged = auditor.get("/cdrs/status").json().getJsonNumber("acknowledged").longValue();
            if (acknowledged >= atLeast) {
                return acknowledged;
            }
            assertThat(Instant.now()).as("only " + acknowledged + " records acknowledged").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static JsonObject awaitStored(AdminClient auditor, long sequence) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonObject report = auditor.post("/cdrs/verify", Json.createObjectBuilder().build()).json();
            if (report.getJsonNumber("lastSequence").longValue() >= sequence) {
                return report;
            }
            assertThat(Instant.now()).as("stored up to " + report.getJsonNumber("lastSequence") + ", acknowledged " + sequence).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
