package io.vestibule.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-CDR-2 under a crash: the service is killed with SIGKILL while joins are being recorded; after a restart on the
 * same data, every record it had acknowledged (fsynced in its journal) is in the database and the chain verifies.
 */
class CallRecordsDurabilityIT {
    @Test
    void everyAcknowledgedRecordSurvivesKillNineAndTheChainVerifies() throws Exception {
        VestibuleServer first = VestibuleServer.start("cdr-durability", Map.of(), () -> { });
        long acknowledgedBeforeKill;
        AtomicInteger joins = new AtomicInteger();
        try {
            JsonObject meeting = Meetings.openNow(first.newClient().signIn("alice", first.demoPassword()), "host_pin_only", false);
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
            acknowledgedBeforeKill = awaitAcknowledged(carol, 150);
            first.killAbruptly();
            joining.set(false);
            load.join(30_000);
        } catch (RuntimeException | Error e) {
            first.close();
            throw e;
        }
        assertThat(joins.get()).as("joins answered before the crash").isPositive();

        VestibuleServer restarted = VestibuleServer.start("cdr-durability-restarted", Map.of(), VestibuleServer.README_JVM_OPTIONS,
                first.dataDirectory(), () -> { });
        try {
            AdminClient carol = restarted.newAdminClient().signIn("carol", restarted.demoPassword());
            JsonObject report = awaitStored(carol, acknowledgedBeforeKill);
            assertThat(report.getBoolean("intact")).as(report.toString()).isTrue();
            assertThat(report.getJsonNumber("firstSequence").longValue()).isEqualTo(1);
            assertThat(report.getJsonNumber("recordsChecked").longValue()).as("no gaps")
                    .isEqualTo(report.getJsonNumber("lastSequence").longValue());
            assertThat(report.getJsonNumber("lastSequence").longValue()).isGreaterThanOrEqualTo(acknowledgedBeforeKill);
        } finally {
            restarted.close();
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
