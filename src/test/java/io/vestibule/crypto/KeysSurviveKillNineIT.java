package io.vestibule.crypto;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, fault 2: a key is on disk before anything sealed or signed with it leaves the service. On a fresh data
 * directory the day's first wrong PIN makes the day's call-record key and the first join makes a token signing key
 * (and the data key that seals it); the service is killed with SIGKILL right after, and after a restart the records
 * still read and the token's key is still published. With H2's write delay both keys were lost within 500 ms. The two
 * cases (killed at once, and 300 ms after) run at the same time, each on a service of its own: their starts overlap.
 */
class KeysSurviveKillNineIT {
    private static final List<Integer> DELAYS_MILLIS = List.of(0, 300);

    @Test
    void recordsReadAndTokensVerifyAfterAKillRightAfterTheirKeysWereMade() {
        ExecutorService cases = Executors.newFixedThreadPool(DELAYS_MILLIS.size());
        try {
            List<CompletableFuture<Void>> runs = DELAYS_MILLIS.stream()
                    .map(delay -> CompletableFuture.runAsync(() -> killAndRestart(delay), cases)).toList();
            AssertionError failed = null;
            for (int i = 0; i < runs.size(); i++) {
                try {
                    runs.get(i).join();
                } catch (CompletionException e) {
                    AssertionError failure = new AssertionError("killed " + DELAYS_MILLIS.get(i) + " ms after the join was answered: "
                            + e.getCause().getMessage(), e.getCause());
                    if (failed == null) {
                        failed = failure;
                    } else {
                        failed.addSuppressed(failure);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            cases.shutdown();
        }
    }

    private static void killAndRestart(int delayMillis) {
        VestibuleServer server = VestibuleServer.start("keys-kill-" + delayMillis, Map.of(), () -> { });
        try {
            JsonObject meeting = Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_pin_only", false);
            String alias = Meetings.alias(meeting);
            ApiResponse wrong = server.newClient().from("198.51.100.61").sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                    Json.createObjectBuilder().add("displayName", "Guesser").add("pin", "00000000").build().toString());
            assertThat(wrong.errorCode()).as(wrong.toString()).isEqualTo("invalid_pin");
            String token = Meetings.join(server, "198.51.100.62", alias, "Host", Meetings.HOST_PIN).getString("token");
            TimeUnit.MILLISECONDS.sleep(delayMillis);
            server.killAbruptly();

            server = VestibuleServer.start("keys-kill-" + delayMillis + "-restarted", Map.of(), VestibuleServer.README_JVM_OPTIONS,
                    server.dataDirectory(), () -> { });
            CallRecordsProbe probe = new CallRecordsProbe(server);
            String roomId = meeting.getJsonObject("room").getString("id");
            assertThat(probe.awaitInRoom(roomId, record -> "pin_failure".equals(record.getString("type", ""))).getString("remoteAddress"))
                    .isEqualTo("198.51.100.61");
            assertThat(probe.awaitInRoom(roomId, CallRecordsProbe.joinOf("Host")).getString("remoteAddress")).isEqualTo("198.51.100.62");
            JsonObject verified = probe.auditor().post("/cdrs/verify", Json.createObjectBuilder().build()).json();
            assertThat(verified.getBoolean("intact")).as(verified.toString()).isTrue();

            Set<String> published = server.newClient().get("/api/v1/keys").json().getJsonArray("keys").getValuesAs(JsonObject.class)
                    .stream().map(key -> key.getString("kid")).collect(Collectors.toSet());
            assertThat(published).as("the JWKS after the restart").contains(Meetings.header(token).getString("kid"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            server.close();
        }
    }
}
