package io.vestibule.cdr;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.jcajce.JcePasswordAuthEnvelopedRecipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.DataFiles;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Call records of real joins against the built jar (R-CDR): what an auditor finds, who else is refused, what leaks. */
@ExtendWith(ServerResolver.class)
class CallRecordsIT {
    private static JsonObject openRoom(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        return Meetings.openNow(alice, "host_pin_only", false);
    }

    @Test
    void aJoinIsRecordedAndOnlyTheAuditorSearchesViewsExportsAndVerifiesItEachTimeAudited(VestibuleServer server) throws Exception {
        JsonObject meeting = openRoom(server);
        String roomId = meeting.getJsonObject("room").getString("id");
        String name = "Record Subject " + UUID.randomUUID();
        Meetings.join(server, "198.51.100.31", Meetings.alias(meeting), name, Meetings.HOST_PIN);
        ApiResponse wrong = server.newClient().from("198.51.100.32").sendWithoutCsrf("POST", "/api/v1/join/" + Meetings.alias(meeting),
                Json.createObjectBuilder().add("displayName", "Guesser").add("pin", "00000000").build().toString());
        assertThat(wrong.errorCode()).isEqualTo("invalid_pin");

        CallRecordsProbe probe = new CallRecordsProbe(server);
        JsonObject join = probe.awaitInRoom(roomId, CallRecordsProbe.joinOf(name));
        assertThat(join.getString("role")).isEqualTo("host");
        assertThat(join.getString("outcome")).isEqualTo("host");
        assertThat(join.getString("remoteAddress")).isEqualTo("198.51.100.31");
        assertThat(join.getInt("remotePort")).isPositive();
        assertThat(join.getString("userAgent")).isNotBlank();
        assertThat(join.getString("encryption")).contains("DTLS-SRTP");
        assertThat(join.getString("conferenceId")).isNotBlank();
        JsonObject failure = probe.awaitInRoom(roomId, record -> "pin_failure".equals(record.getString("type", "")));
        assertThat(failure.getString("remoteAddress")).isEqualTo("198.51.100.32");
        assertThat(probe.awaitInRoom(roomId, record -> "conference_start".equals(record.getString("type", "")))).isNotNull();

        AdminClient carol = probe.auditor();
        ApiResponse byOutcome = carol.get("/cdrs?outcome=invalid_pin&room=" + roomId);
        assertThat(byOutcome.jsonArray()).hasSize(1);
        ApiResponse one = carol.get("/cdrs/" + join.getJsonNumber("sequence").longValue());
        assertThat(one.json().getString("displayName")).isEqualTo(name);

        byte[] exported = export(server, carol, roomId);
        assertThat(new String(exported, StandardCharsets.ISO_8859_1)).doesNotContain(name);
        CMSAuthEnvelopedData cms = new CMSAuthEnvelopedData(exported);
        String json = new String(cms.getRecipientInfos().getRecipients().iterator().next().getContent(
                new JcePasswordAuthEnvelopedRecipient("an export passphrase".toCharArray())
                        .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8).setProvider(CryptoPolicy.bouncyCastle())),
                StandardCharsets.UTF_8);
        assertThat(json).contains(name);

        JsonObject verified = carol.post("/cdrs/verify", Json.createObjectBuilder().build()).json();
        assertThat(verified.getBoolean("intact")).as(verified.toString()).isTrue();
        assertThat(verified.getJsonNumber("recordsChecked").longValue()).isPositive();

        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        for (ApiResponse refused : List.of(dave.get("/cdrs"), dave.get("/cdrs/1"), dave.get("/cdrs/status"),
                dave.post("/cdrs/export", Json.createObjectBuilder().add("passphrase", "an export passphrase").build()),
                dave.post("/cdrs/verify", Json.createObjectBuilder().build()))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
        }

        List<String> audited = carol.get("/audit?limit=1000").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("actor").equals("carol (ldap)")).map(event -> event.getString("type")).toList();
        assertThat(audited).contains("cdr.search", "cdr.view", "cdr.export", "cdr.verify");
        assertThat(carol.get("/audit?type=cdr.search").body()).as("the audit log names criteria, not the people searched for")
                .doesNotContain(name);
    }

    @Test
    void carolFindsAMeetingsRecordsByItsTitleAliasNumericAliasAndJoinLink(VestibuleServer server) throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        // Two meetings of one title, in two rooms: the title names both.
        String title = "Budget review " + UUID.randomUUID();
        JsonObject meeting = Meetings.openNowTitled(alice, title);
        JsonObject other = Meetings.openNowTitled(alice, title);
        String roomId = meeting.getJsonObject("room").getString("id");
        String otherRoomId = other.getJsonObject("room").getString("id");
        String name = "Findable " + UUID.randomUUID();
        String otherName = "Findable too " + UUID.randomUUID();
        Meetings.join(server, "198.51.100.34", Meetings.alias(meeting), name, Meetings.HOST_PIN);
        Meetings.join(server, "198.51.100.34", Meetings.alias(other), otherName, Meetings.HOST_PIN);
        CallRecordsProbe probe = new CallRecordsProbe(server);
        probe.awaitInRoom(roomId, CallRecordsProbe.joinOf(name));
        probe.awaitInRoom(otherRoomId, CallRecordsProbe.joinOf(otherName));

        String numeric = meeting.getJsonObject("room").getString("numericAlias");
        String secret = "invitation-token-" + UUID.randomUUID();
        for (String typed : List.of(Meetings.alias(meeting), Meetings.alias(meeting).toUpperCase(Locale.ROOT), numeric,
                numeric.substring(0, 3) + " " + numeric.substring(3, 6) + " " + numeric.substring(6),
                meeting.getString("joinUrl"), meeting.getString("joinUrl") + "#invitation=" + secret, meeting.getString("id"))) {
            List<JsonObject> found = probe.inRoom(typed);
            assertThat(found).as(typed).anySatisfy(record -> assertThat(record.getString("displayName", "")).isEqualTo(name));
            assertThat(found).as(typed).allSatisfy(record -> assertThat(record.getString("roomId")).isEqualTo(roomId));
        }
        List<JsonObject> byTitle = probe.inRoom(title.toLowerCase(Locale.ROOT));
        assertThat(byTitle).extracting(record -> record.getString("displayName", "")).contains(name, otherName);
        assertThat(byTitle).extracting(record -> record.getString("roomId")).containsOnly(roomId, otherRoomId);

        AdminClient carol = probe.auditor();
        ApiResponse nothing = carol.get("/cdrs?room=" + URLEncoder.encode("Budget review nobody booked", StandardCharsets.UTF_8));
        assertThat(nothing.status()).as(nothing.toString()).isEqualTo(400);
        assertThat(nothing.errorCode()).isEqualTo("room_not_found");
        assertThat(nothing.json().getString("field")).isEqualTo("room");

        String audited = carol.get("/audit?type=cdr.search&limit=1000").body();
        assertThat(audited).as("what was typed and the rooms it named")
                .contains(title.toLowerCase(Locale.ROOT) + "\\\" naming ")
                .contains(roomId + " by meeting title").contains(otherRoomId + " by meeting title")
                .contains(numeric + "\\\" naming " + roomId + " by numeric alias")
                .contains(meeting.getString("joinUrl") + "\\\" naming " + roomId + " by join link")
                .contains("Budget review nobody booked\\\" naming no room; nothing searched")
                .doesNotContain(secret);
        assertThat(server.logText()).doesNotContain(secret);
    }

    @Test
    void aTitleThatNamesMoreRoomsThanOneSearchCoversIsRefusedAskingForTheAlias(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String title = "All hands " + UUID.randomUUID();
        for (int i = 0; i < 21; i++) {
            Meetings.openNowTitled(alice, title);
        }
        ApiResponse refused = server.newAdminClient().signIn("carol", server.demoPassword())
                .get("/cdrs?room=" + URLEncoder.encode(title, StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("room_ambiguous");
        assertThat(refused.json().getInt("rooms")).isEqualTo(21);
    }

    @Test
    void aParticipantsNameIsNowhereOnDiskNorInTheLog(VestibuleServer server) throws Exception {
        JsonObject meeting = openRoom(server);
        String name = "Private Person " + UUID.randomUUID();
        Meetings.join(server, "198.51.100.33", Meetings.alias(meeting), name, Meetings.HOST_PIN);
        new CallRecordsProbe(server).awaitInRoom(meeting.getJsonObject("room").getString("id"), CallRecordsProbe.joinOf(name));
        // The meeting's title is stored in clear: once it is on disk, the record stored after it is too.
        DataFiles.awaitOnDisk(server.dataDirectory(), meeting.getString("title"));
        assertThat(DataFiles.containing(server.dataDirectory(), name)).isEmpty();
        assertThat(server.logText()).doesNotContain(name);
    }

    private static byte[] export(VestibuleServer server, AdminClient auditor, String roomId) throws Exception {
        ApiResponse status = auditor.get("/cdrs/status");
        assertThat(status.status()).isEqualTo(200);
        HttpRequest request = HttpRequest.newBuilder(server.adminBaseUri().resolve("/admin/api/v1/cdrs/export"))
                .header("Content-Type", "application/json")
                .header("Cookie", auditor.sessionCookie())
                .header("X-CSRF-Token", auditor.get("/me").json().getString("csrfToken"))
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("format", "json")
                        .add("passphrase", "an export passphrase").add("room", roomId)
                        .add("from", Instant.now().minus(Duration.ofHours(1)).toString()).build().toString()))
                .build();
        HttpResponse<byte[]> response = server.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).contains(".p7m"));
        return response.body();
    }
}
