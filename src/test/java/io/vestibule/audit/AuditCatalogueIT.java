package io.vestibule.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.AuditRecords;
import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of the audit catalogue ({@link AuditEventType}, R-AUD-1, issue 18) is produced from the outside on the
 * shared server and found in its audit files, save those listed in {@link #PRODUCED_ELSEWHERE} with the reason and the
 * test that checks them; and no secret the test used (passwords, PINs, session cookies, join and lobby tokens, an
 * integration's secret, an export passphrase, a name typed that is no account's) appears in any log or audit file of
 * the service.
 */
@ExtendWith(ServerResolver.class)
class AuditCatalogueIT {
    /** Events this test cannot produce on the shared server, why, and where they are checked instead. */
    static final Map<AuditEventType, String> PRODUCED_ELSEWHERE = Map.ofEntries(
            Map.entry(AuditEventType.ADMIN_SETUP, "needs an installation without a local administrator: AdminAuditorBrowserIT completes the setup with the printed code and finds the event"),
            Map.entry(AuditEventType.ADMIN_LDAP_CHANGE, "would move the shared server's directory under every other test class: SeparationOfDutiesIT saves its own server's directory settings and finds the event"),
            Map.entry(AuditEventType.ADMIN_SYSLOG_TEST, "needs a syslog server to send to (SyslogIT)"),
            Map.entry(AuditEventType.ADMIN_JOIN_SETTINGS_CHANGE, "would change break-in thresholds and PIN rules under other classes (JoinSettingsIT)"),
            Map.entry(AuditEventType.ADMIN_JOIN_BLOCK_CHANGE, "JoinBlockIT saves and resets templates on this server and checks both events"),
            Map.entry(AuditEventType.ADMIN_JOIN_BLOCK_RESET, "JoinBlockIT saves and resets templates on this server and checks both events"),
            Map.entry(AuditEventType.KEYS_ROTATE, "a rotation restarts nothing but adds keys that other classes' restarts then read (KeyRotationIT, on a server of its own)"),
            Map.entry(AuditEventType.ADMIN_BLOCK_LIFT, "BreakInBlocksIT lifts a block on this server and finds the event"),
            Map.entry(AuditEventType.KEYS_RETIRE, "data keys are retired by age, a day at the least after they are made, and the first check runs a minute after a start: DataKeyRetirementTest checks the record"),
            Map.entry(AuditEventType.ALARM_CLEARED, "break-in alarms end by themselves without an event; AuditFilesIT's full-disk server clears audit.files_unwritten and finds its alarm.cleared in the files"),
            Map.entry(AuditEventType.TRUST_IMPORT, "TrustStoreIT imports CA certificates on this server and finds the event"),
            Map.entry(AuditEventType.TRUST_DELETE, "TrustStoreIT deletes the CA certificates it imported on this server and finds the event"),
            Map.entry(AuditEventType.CERTIFICATE_REQUEST_CREATE, "CertificatesIT creates a signing request, installs, deletes, assigns CA-signed certificates to both listeners and back to the server's own, and has an assignment refused on this server, and finds the event"),
            Map.entry(AuditEventType.CERTIFICATE_INSTALL, "CertificatesIT creates a signing request, installs, deletes, assigns CA-signed certificates to both listeners and back to the server's own, and has an assignment refused on this server, and finds the event"),
            Map.entry(AuditEventType.CERTIFICATE_DELETE, "CertificatesIT creates a signing request, installs, deletes, assigns CA-signed certificates to both listeners and back to the server's own, and has an assignment refused on this server, and finds the event"),
            Map.entry(AuditEventType.CERTIFICATE_ASSIGN, "CertificatesIT creates a signing request, installs, deletes, assigns CA-signed certificates to both listeners and back to the server's own, and has an assignment refused on this server, and finds the event"));

    private static final String GROUPS = ",OU=Groups,DC=demo,DC=vestibule,DC=local";

    @Test
    void everyCatalogueEventReachesTheAuditFilesAndNoSecretReachesAnyLog(VestibuleServer server) throws IOException, InterruptedException {
        long run = System.nanoTime();
        List<String> secrets = new ArrayList<>(List.of(server.demoPassword(), Meetings.HOST_PIN, Meetings.GUEST_PIN));
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // Console: a failed and a good sign-in, a refusal, a settings change, accounts, roles, mappings, integrations.
        String wrongAdminPassword = "Wrong-Catalogue-Pass-" + run;
        secrets.add(wrongAdminPassword);
        assertThat(server.newAdminClient().login("dave", wrongAdminPassword).status()).isIn(400, 401, 403);
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        secrets.addAll(List.of(cookieValue(dave.sessionCookie()), cookieValue(carol.sessionCookie())));
        assertThat(carol.put("/settings", Json.createObjectBuilder().add("banner", "refused").build()).status()).isEqualTo(403);
        String banner = dave.get("/settings").json().getString("banner", "");
        ok(dave.put("/settings", Json.createObjectBuilder().add("banner", banner).build()), 200);
        // Fields left out keep their values: saved unchanged, and audited all the same.
        ok(dave.put("/media-settings", Json.createObjectBuilder().build()), 200);
        ok(dave.put("/syslog", Json.createObjectBuilder().build()), 200);
        ok(dave.post("/ldap/test", Json.createObjectBuilder().build()), 200);

        String username = "catalogue" + run % 100000;
        String given = "Given-Catalogue-Pass-" + run;
        String chosen = "Chosen-Catalogue-Pass-" + run;
        String reset = "Reset-Catalogue-Pass-" + run;
        secrets.addAll(List.of(given, chosen, reset));
        String accountId = ok(dave.post("/users", Json.createObjectBuilder().add("username", username).add("password", given)
                .add("roles", Json.createArrayBuilder().add("Read-only")).build()), 201).json().getString("id");
        ok(server.newAdminClient().changeExpiredPassword(username, given, chosen), 204);
        ok(dave.put("/users/" + accountId, Json.createObjectBuilder().add("password", reset).build()), 200);
        ok(dave.delete("/users/" + accountId), 204);

        String roleName = "Catalogue role " + run;
        String roleId = ok(dave.post("/roles", Json.createObjectBuilder().add("name", roleName)
                .add("permissions", Json.createArrayBuilder().add("view_configuration")).build()), 201).json().getString("id");
        ok(dave.put("/roles/" + roleId, Json.createObjectBuilder().add("name", roleName)
                .add("permissions", Json.createArrayBuilder().add("view_configuration").add("view_rooms")).build()), 200);
        String mappingName = "Catalogue mapping " + run;
        String group = "CN=catalogue-" + run + GROUPS;
        String mappingId = ok(dave.post("/role-mappings", Json.createObjectBuilder().add("name", mappingName).add("groupDn", group)
                .add("roles", Json.createArrayBuilder().add(roleName)).build()), 201).json().getString("id");
        ok(dave.put("/role-mappings/" + mappingId, Json.createObjectBuilder().add("name", mappingName + " renamed").add("groupDn", group)
                .add("roles", Json.createArrayBuilder().add(roleName)).build()), 200);
        ok(dave.delete("/role-mappings/" + mappingId), 204);
        ok(dave.delete("/roles/" + roleId), 204);

        JsonObject integration = ok(dave.post("/integrations", Json.createObjectBuilder().add("name", "Catalogue " + run)
                .add("organizerDomains", Json.createArrayBuilder().add("example.com")).build()), 201).json();
        secrets.add(integration.getString("secret"));
        ok(dave.delete("/integrations/" + integration.getString("id")), 204);

        // Portal: sign-in failure and success, a meeting booked, changed (a new host PIN), joined and hosted.
        String wrongPortalPassword = "Wrong-Portal-Pass-" + run;
        secrets.add(wrongPortalPassword);
        assertThat(server.newClient().login("alice", wrongPortalPassword).status()).isEqualTo(401);
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        secrets.add(cookieValue(alice.sessionCookie()));
        JsonObject meeting = Meetings.openNow(alice, "host_and_guest_pins", false);
        String meetingPath = "/api/v1/meetings/" + meeting.getString("id");
        String newHostPin = "73920561";
        secrets.add(newHostPin);
        ok(alice.patch(meetingPath, Json.createObjectBuilder().add("title", "Catalogue meeting " + run).add("hostPin", newHostPin).build()), 200);

        String alias = Meetings.alias(meeting);
        JsonObject host = Meetings.join(server, "198.51.100.221", alias, "Catalogue Host", newHostPin);
        String hostToken = host.getString("token");
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");
        PortalClient asHost = server.newClient().withBearer(hostToken);
        ok(asHost.sendWithoutCsrf("POST", conference + "/lock", null), 204);
        JsonObject guest = Meetings.join(server, "198.51.100.222", alias, "Catalogue Guest", Meetings.GUEST_PIN);
        secrets.addAll(List.of(hostToken, guest.getString("token")));
        String guestPath = conference + "/participants/" + guest.getString("participantId");
        ok(asHost.sendWithoutCsrf("POST", guestPath + "/admit", null), 204);
        ok(asHost.sendWithoutCsrf("POST", conference + "/unlock", null), 204);
        // A guest trying a host's control, again and again: refused, and recorded once.
        JsonObject intruder = Meetings.join(server, "198.51.100.223", alias, "Catalogue Intruder", Meetings.GUEST_PIN);
        secrets.add(intruder.getString("token"));
        PortalClient asGuest = server.newClient().withBearer(intruder.getString("token"));
        for (int attempt = 0; attempt < 3; attempt++) {
            ok(asGuest.sendWithoutCsrf("POST", conference + "/lock", null), 403);
        }
        ok(asHost.sendWithoutCsrf("POST", guestPath + "/remove", null), 204);
        ok(asHost.sendWithoutCsrf("POST", conference + "/end", null), 204);

        String roomPath = "/rooms/" + meeting.getJsonObject("room").getString("id");
        ok(dave.put(roomPath + "/newcomers-wait-for-admission", Json.createObjectBuilder().add("newcomersWaitForAdmission", true).build()), 200);
        ok(dave.put(roomPath + "/participant-limit", Json.createObjectBuilder().add("participantLimit", 12).build()), 200);
        ok(dave.post(roomPath + "/close", Json.createObjectBuilder().build()), 200);
        ok(alice.delete(meetingPath), 204);

        // The calendar callback API, with the user's session: an event booked, moved, deleted.
        String eventPath = "/api/v1/calendar/events/catalogue-" + run;
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        ok(alice.put(eventPath, calendarEvent("Catalogue event", start)), 201);
        ok(alice.put(eventPath, calendarEvent("Catalogue event moved", start.plus(Duration.ofHours(1)))), 200);
        ok(alice.delete(eventPath), 204);
        ok(alice.post("/api/v1/auth/logout", Json.createObjectBuilder().build()), 204);

        // A break-in block of an account no one has: an alarm raised. People type passwords as names, so a name that
        // is no account's is never repeated (R-RUN-5).
        String typedName = "Typed-As-Name-" + run;
        secrets.add(typedName);
        for (int attempt = 1; attempt <= 11; attempt++) {
            server.newClient().from("203.0.113." + (100 + attempt)).login(typedName, "wrong-" + attempt);
        }

        // Call records and the audit log, read by the Auditor.
        String passphrase = "Catalogue export passphrase " + run;
        secrets.add(passphrase);
        String roomId = meeting.getJsonObject("room").getString("id");
        JsonObject record = new CallRecordsProbe(server).awaitInRoom(roomId, any -> true);
        ok(carol.get("/cdrs?room=" + alias), 200);
        ok(carol.get("/cdrs/" + record.getJsonNumber("sequence").longValue()), 200);
        ok(carol.post("/cdrs/export", Json.createObjectBuilder().add("passphrase", passphrase).add("room", alias).build()), 200);
        ok(carol.post("/cdrs/verify", Json.createObjectBuilder().build()), 200);
        ok(carol.get("/audit?from=" + since), 200);
        ok(carol.get("/audit/export?format=jsonl&from=" + since), 200);
        ok(carol.get("/audit/integrity"), 200);
        dave.signOut();

        List<Map<String, Object>> refused = AuditRecords.of(server).stream().filter(event -> "conference.lock".equals(event.get("type"))
                && "refused".equals(event.get("outcome")) && String.valueOf(event.get("actor")).contains(intruder.getString("participantId"))).toList();
        assertThat(refused).as("one refusal a minute of the same guest and act").singleElement()
                .satisfies(event -> assertThat((String) event.get("actor")).contains("Catalogue Intruder"));

        Set<String> recorded = AuditRecords.of(server).stream().filter(event -> !Instant.parse((String) event.get("at")).isBefore(since))
                .map(event -> (String) event.get("type")).collect(Collectors.toSet());
        Set<String> expected = EnumSet.allOf(AuditEventType.class).stream().filter(type -> !PRODUCED_ELSEWHERE.containsKey(type))
                .map(AuditEventType::type).collect(Collectors.toSet());
        assertThat(recorded).containsAll(expected);

        String logs = allLogs(server);
        for (String secret : secrets) {
            assertThat(logs.contains(secret)).as("a secret of length " + secret.length() + " in the logs: " + mask(secret)).isFalse();
        }
    }

    private static JsonObject calendarEvent(String subject, Instant start) {
        return Json.createObjectBuilder().add("subject", subject).add("start", start.atOffset(ZoneOffset.UTC).toString())
                .add("end", start.plus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC).toString()).add("timeZone", "UTC").build();
    }

    private static ApiResponse ok(ApiResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    /** The service's log files in its data directory and under target/it-logs (every server's), and its audit files. */
    private static String allLogs(VestibuleServer server) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> data = Files.walk(server.dataDirectory())) {
            data.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString();
                return name.contains(".log") || file.getParent().endsWith("audit") || file.toString().contains("/logs/");
            }).forEach(files::add);
        }
        try (Stream<Path> itLogs = Files.list(server.log().getParent())) {
            itLogs.filter(file -> file.getFileName().toString().endsWith(".log")).forEach(files::add);
        }
        assertThat(files).contains(server.log());
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    private static String cookieValue(String nameValue) {
        return nameValue.substring(nameValue.indexOf('=') + 1);
    }

    private static String mask(String secret) {
        return secret.substring(0, Math.min(4, secret.length())) + "…";
    }
}
