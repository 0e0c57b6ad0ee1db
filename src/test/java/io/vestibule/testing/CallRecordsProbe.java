package io.vestibule.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** What an auditor sees of call records through the admin API, waited for (records reach the database shortly after). */
public final class CallRecordsProbe {
    private final AdminClient auditor;

    public CallRecordsProbe(VestibuleServer server) {
        this.auditor = server.newAdminClient().signIn("carol", server.demoPassword());
    }

    public AdminClient auditor() {
        return auditor;
    }

    public List<JsonObject> inRoom(String roomId) {
        ApiResponse found = auditor.get("/cdrs?limit=1000&room=" + URLEncoder.encode(roomId, StandardCharsets.UTF_8));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.jsonArray().getValuesAs(JsonObject.class);
    }

    /** Waits until the room's records include one that matches. */
    public JsonObject awaitInRoom(String roomId, Predicate<JsonObject> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<JsonObject> records = inRoom(roomId);
            for (JsonObject record : records) {
                if (wanted.test(record)) {
                    return record;
                }
            }
            assertThat(Instant.now()).as("no such record reached the database; found " + records).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until every one of these participants' joins has its record in the room; fails naming those that have none. */
    public void awaitJoinsRecorded(String roomId, Set<String> participantIds) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Set<String> recorded = inRoom(roomId).stream()
                    .filter(record -> "participant_join".equals(record.getString("type", "")))
                    .map(record -> record.getString("participantId", "")).collect(Collectors.toSet());
            Set<String> missing = new HashSet<>(participantIds);
            missing.removeAll(recorded);
            if (missing.isEmpty()) {
                return;
            }
            assertThat(Instant.now()).as(missing.size() + " answered joins have no record: " + missing).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    public static Predicate<JsonObject> joinOf(String displayName) {
        return record -> "participant_join".equals(record.getString("type", "")) && displayName.equals(record.getString("displayName", ""));
    }
}
