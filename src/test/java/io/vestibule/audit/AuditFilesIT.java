package io.vestibule.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.audit.chain.AuditFileNames;
import io.vestibule.audit.chain.AuditVerifyCommand;
import io.vestibule.audit.chain.AuditLines;
import io.vestibule.audit.chain.FlatJson;
import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.OnFullDisks;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.Tmpfs;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit files of a running service (R-AUD-2, issue 18): administrators' actions reach them, the offline verifier
 * ({@code java -jar vestibule.jar audit verify}) finds a copy intact and names the line an edit changed, the admin API
 * reports the same, no secret is written, and a full disk is counted, alarmed and shown in the chain. It runs late: its
 * full-disk test stops the shared full-disk service ({@link OnFullDisks}) that {@code KeyRotationIT},
 * {@code MediaSettingsIT} and {@code CallJournalDiskFullIT} use (and restart) before it.
 */
@ExtendWith(ServerResolver.class)
@Order(Integer.MAX_VALUE - 1)
class AuditFilesIT {
    @Test
    void auditedActionsReachTheFilesWhichVerifyAndAnEditIsNamedByLine(VestibuleServer server, @TempDir Path copy) throws Exception {
        String wrongPassword = "Wrong-Audit-Pass-" + System.nanoTime();
        assertThat(server.newAdminClient().login("dave", wrongPassword).status()).isIn(400, 401, 403);
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        String banner = "Audit files " + System.nanoTime();
        String before = dave.get("/settings").json().getString("banner", "");
        assertThat(dave.put("/settings", Json.createObjectBuilder().add("banner", banner).build()).status()).isEqualTo(200);
        dave.put("/settings", Json.createObjectBuilder().add("banner", before).build());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        JsonObject meeting = Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_and_guest_pins", false);
        Meetings.join(server, "198.51.100.181", Meetings.alias(meeting), "Audited Guest", Meetings.GUEST_PIN);

        ApiResponse integrity = carol.get("/audit/integrity");

        assertThat(integrity.status()).as(integrity.toString()).isEqualTo(200);
        assertThat(integrity.json().getBoolean("intact")).as(integrity.toString()).isTrue();
        assertThat(integrity.json().getString("checkpointKey")).matches("[0-9a-f]{64}");
        Path audit = server.dataDirectory().resolve("audit");
        String files = allFiles(audit);
        assertThat(files).contains("\"type\":\"admin.login\"", "\"type\":\"admin.settings.change\"", banner);
        assertThat(files).doesNotContain(server.demoPassword(), wrongPassword, dave.sessionCookie(), carol.sessionCookie(),
                Meetings.HOST_PIN, Meetings.GUEST_PIN);

        Path copied = Files.createDirectory(copy.resolve("audit"));
        for (Path file : AuditFileNames.list(audit)) {
            Files.copy(file, copied.resolve(file.getFileName()));
        }
        Files.copy(audit.resolve("checkpoint-certificates.pem"), copied.resolve("checkpoint-certificates.pem"));
        Verification intact = verify(copy);
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("intact").contains(integrity.json().getString("checkpointKey"));

        Path newest = AuditFileNames.list(copied).stream().reduce((older, newer) -> newer).orElseThrow();
        List<String> lines = new ArrayList<>(Files.readAllLines(newest));
        int edited = indexOf(lines, banner);
        lines.set(edited, lines.get(edited).replace(banner, "Nothing to see"));
        Files.writeString(newest, String.join("\n", lines) + "\n");
        Verification spoiled = verify(copy);
        assertThat(spoiled.exitCode()).as(spoiled.output()).isEqualTo(1);
        assertThat(spoiled.output()).contains(newest.getFileName() + ":" + (edited + 1) + ": altered");
    }

    /** The last user of the shared full-disk service: it stops it, to see the files closed by a clean stop. */
    @Test
    void aFullDiskIsCountedAlarmedAndShownInTheChainOnceThereIsRoomAgain(@OnFullDisks VestibuleServer server) throws Exception {
        Path data = server.dataDirectory();
        Path filler = data.resolve("audit").resolve("filler");
        try {
            AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
            AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
            assertThat(unwrittenInAlarm(dave)).as("no audit.files_unwritten alarm active before the disk fills").isZero();
            Tmpfs.fill(filler);

            // The current file's last page may still take a few lines; each reading of the log is an audited event.
            long unwritten = 0;
            for (int reading = 0; reading < 40 && unwritten == 0; reading++) {
                assertThat(carol.get("/audit").status()).as("the service keeps serving").isEqualTo(200);
                unwritten = unwrittenInAlarm(dave);
            }
            // The alarms' own events (alarm.raised) cannot be written either, and are counted with the rest.
            assertThat(unwritten).isPositive();
            assertThat(carol.get("/audit").status()).isEqualTo(200);
            assertThat(unwrittenInAlarm(dave)).as("one alarm whose count grows, not an alarm per event").isEqualTo(unwritten + 1);

            List<JsonObject> raised = dave.get("/alarms").jsonArray().getValuesAs(JsonObject.class);
            assertThat(raised).anySatisfy(alarm -> {
                assertThat(alarm.getString("type")).isEqualTo("audit.disk_space");
                assertThat(alarm.getBoolean("active")).isTrue();
            });

            Files.delete(filler);
            assertThat(carol.get("/audit").status()).isEqualTo(200);

            assertThat(dave.get("/alarms").jsonArray().getValuesAs(JsonObject.class))
                    .filteredOn(alarm -> alarm.getString("type").equals("audit.files_unwritten")).isNotEmpty()
                    .allSatisfy(alarm -> assertThat(alarm.getBoolean("active")).isFalse());
            Path newest = AuditFileNames.list(data.resolve("audit")).stream().reduce((older, newer) -> newer).orElseThrow();
            List<Map<String, Object>> records = Files.readAllLines(newest).stream().map(FlatJson::read).toList();
            int firstWritten = indexOf(records, record -> record.containsKey(AuditLines.UNWRITTEN_BEFORE));
            assertThat(records.get(firstWritten)).containsEntry("type", "audit.view").containsEntry(AuditLines.UNWRITTEN_BEFORE, unwritten + 1);
            assertThat(records.subList(firstWritten + 1, records.size())).as("the alarm's end is written once the files take events again")
                    .anySatisfy(record -> assertThat(record).containsEntry("type", "alarm.cleared")
                            .hasEntrySatisfying("detail", detail -> assertThat((String) detail).startsWith("audit.files_unwritten for ")));
            JsonObject report = carol.get("/audit/integrity").json();
            assertThat(report.getBoolean("intact")).as(report.toString()).isTrue();
        } finally {
            Files.deleteIfExists(filler);
        }
        server.stop();
        // The jar's command was shown above; the same class, run here, spares a JVM start.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int stopped = new AuditVerifyCommand().run(List.of("verify", data.resolve("audit").toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(stopped).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).as("a clean stop closes the file with its checkpoint").doesNotContain("await their checkpoint");
    }

    /** The count the active {@code audit.files_unwritten} alarm gives, 0 without one. */
    private static long unwrittenInAlarm(AdminClient reader) {
        List<JsonObject> active = reader.get("/alarms").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(alarm -> alarm.getString("type").equals("audit.files_unwritten") && alarm.getBoolean("active")).toList();
        assertThat(active).hasSizeLessThanOrEqualTo(1);
        return active.isEmpty() ? 0 : Long.parseLong(active.get(0).getString("detail").split(" ", 2)[0]);
    }

    private static int indexOf(List<Map<String, Object>> records, java.util.function.Predicate<Map<String, Object>> wanted) {
        for (int i = 0; i < records.size(); i++) {
            if (wanted.test(records.get(i))) {
                return i;
            }
        }
        throw new AssertionError("No record is the one wanted among " + records.size());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("No line holds " + text);
    }

    private static String allFiles(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    record Verification(int exitCode, String output) {
    }

    /** {@code java -jar target/vestibule.jar audit verify <dir>}, as an auditor runs it. */
    private static Verification verify(Path directory) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("vestibule.jar", "target/vestibule.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(VestibuleServer.README_JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString(), "audit", "verify", directory.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return new Verification(process.exitValue(), output);
    }
}
