package io.vestibule.cdr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.RequiredParts;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, fault 1, against the built jar: the call-record journal's disk fills up and is freed again. On the old
 * code the next restart dropped acknowledged records and verify blamed tampering. The journal lives on a 192 KiB
 * tmpfs (so this runs as root; CI does). While it is full, joins are refused with 503 records_unavailable, never
 * answered without a record; once it has room again joins are answered by themselves; after a restart every answered
 * join has its record and the chain verifies.
 */
class CallJournalDiskFullIT {
    @TempDir
    Path data;

    @Test
    void whileTheJournalsDiskIsFullJoinsAreRefusedAndAfterwardsEveryAnsweredJoinHasItsRecord() throws Exception {
        Path journal = Files.createDirectories(data.resolve("cdr-journal"));
        RequiredParts.require(mount(journal, "size=192k"), "a tmpfs mount (root)", "Run the tests as root, as .ci/run does");
        Set<String> answered = new HashSet<>();
        VestibuleServer server = null;
        try {
            server = VestibuleServer.start("cdr-disk-full", Map.of(), VestibuleServer.README_JVM_OPTIONS, data, () -> { });
            JsonObject meeting = Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_pin_only", false);
            String alias = Meetings.alias(meeting);

            int refused = 0;
            for (int i = 0; refused == 0; i++) {
                assertThat(i).as("joins before the 192 KiB journal filled up").isLessThan(2000);
                ApiResponse answer = join(server, alias, i);
                if (answer.status() == 200) {
                    answered.add(answer.json().getString("participantId"));
                } else {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                    assertThat(answer.errorCode()).isEqualTo("records_unavailable");
                    refused++;
                }
            }
            assertThat(answered).as("joins answered before the disk filled").hasSizeGreaterThan(20);
            assertThat(join(server, alias, 5000).errorCode()).as("still full").isEqualTo("records_unavailable");

            assertThat(mount(journal, "remount,size=16m")).as("the tmpfs grows").isTrue();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (true) {
                ApiResponse answer = join(server, alias, 6000 + answered.size());
                if (answer.status() == 200) {
                    answered.add(answer.json().getString("participantId"));
                    break;
                }
                assertThat(Instant.now()).as("joins answered again once the disk has room: " + answer).isBefore(deadline);
                TimeUnit.MILLISECONDS.sleep(200);
            }
            for (int i = 0; i < 20; i++) {
                ApiResponse answer = join(server, alias, 7000 + i);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                answered.add(answer.json().getString("participantId"));
            }
            server.stop();

            server = VestibuleServer.start("cdr-disk-full-restarted", Map.of(), VestibuleServer.README_JVM_OPTIONS, data, () -> { });
            CallRecordsProbe probe = new CallRecordsProbe(server);
            String roomId = meeting.getJsonObject("room").getString("id");
            awaitEveryJoinRecorded(probe, roomId, answered);
            JsonObject verified = probe.auditor().post("/cdrs/verify", Json.createObjectBuilder().build()).json();
            assertThat(verified.getBoolean("intact")).as(verified.toString()).isTrue();
            assertThat(verified.getJsonNumber("recordsChecked").longValue()).isEqualTo(verified.getJsonNumber("lastSequence").longValue());
        } finally {
            if (server != null) {
                server.stop();
            }
            unmount(journal);
        }
    }

    /** Joins, and leaves again at once when let in: the room's participant limit stays out of the way. */
    private static ApiResponse join(VestibuleServer server, String alias, int i) {
        ApiResponse answer = server.newClient().from("198.51.110." + (1 + i % 250)).sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                Json.createObjectBuilder().add("displayName", "Filler " + i).build().toString());
        if (answer.status() == 200) {
            ApiResponse released = server.newClient().withBearer(answer.json().getString("token"))
                    .sendWithoutCsrf("POST", "/api/v1/join/release", null);
            assertThat(released.status()).as(released.toString()).isEqualTo(204);
        }
        return answer;
    }

    private static void awaitEveryJoinRecorded(CallRecordsProbe probe, String roomId, Set<String> answered) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Set<String> recorded = probe.inRoom(roomId).stream()
                    .filter(record -> "participant_join".equals(record.getString("type", "")))
                    .map(record -> record.getString("participantId", "")).collect(Collectors.toSet());
            Set<String> missing = new HashSet<>(answered);
            missing.removeAll(recorded);
            if (missing.isEmpty()) {
                return;
            }
            assertThat(Instant.now()).as(missing.size() + " answered joins have no record: " + missing).isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static boolean mount(Path directory, String options) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        Process mount = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", options + ",mode=0700", "tmpfs", directory.toString()))
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mounted) {
            System.err.println("mount " + options + " failed: " + output);
        }
        return mounted;
    }

    private static void unmount(Path directory) throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name"))) {
            new ProcessBuilder(List.of("umount", directory.toString())).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
