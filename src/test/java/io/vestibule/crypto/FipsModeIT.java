package io.vestibule.crypto;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.MeetingPages;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FIPS build ({@code target/vestibule-fips.jar}) as an operator runs it: the Bouncy Castle FIPS module in approved-only
 * mode under everything, and still a service people book and join, whose call records are sealed and searchable, and
 * whose administrators sign in with PBKDF2-hashed passwords. The test's own clients are the JDK's: the FIPS listeners
 * speak to ordinary TLS clients.
 */
class FipsModeIT {
    private static final String BOOTSTRAP_PASSWORD = "Fips-Bootstrap-2026!";
    private static final String ADMIN_PASSWORD = "Fips-Administrator-2026!";
    private static VestibuleServer server;

    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    @BeforeAll
    static void start() {
        List<String> jvmOptions = new ArrayList<>(VestibuleServer.README_JVM_OPTIONS);
        jvmOptions.add("-Xmx768m");
        server = VestibuleServer.start(VestibuleServer.fipsJar(), "fips-mode", Map.of("VESTIBULE_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD),
                jvmOptions, null, () -> { });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theServiceSaysItRunsOnTheFipsModuleAndTheReportNamesIt() throws Exception {
        assertThat(Files.readString(server.log())).contains("FIPS mode: cryptography through BCFIPS")
                .contains("approved-only mode").contains("TLS through Bouncy Castle JSSE");
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        ApiResponse report = carol.get("/crypto-policy");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonObject module = report.json().getJsonArray("uses").getValuesAs(JsonObject.class).stream()
                .filter(use -> use.getString("use").equals("crypto_module")).findFirst().orElseThrow();
        assertThat(module.getString("source")).startsWith("BCFIPS").contains("approved-only");
        assertThat(report.json().getJsonArray("uses").getValuesAs(JsonObject.class))
                .as("the FIPS module made every key the service holds: " + report.body())
                .noneMatch(use -> use.getString("verdict").equals("refused"));

        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        assertThat(dave.get("/media-settings").json().getJsonArray("srtpProfiles").getValuesAs(JsonString::getString))
                .containsExactly("SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM");
        ApiResponse off = dave.put("/media-settings", Json.createObjectBuilder().add("allowAesCm", false).build());
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        ApiResponse aesCm = dave.put("/media-settings", Json.createObjectBuilder().add("allowAesCm", true).build());
        assertThat(aesCm.status()).as(aesCm.toString()).isEqualTo(409);
        assertThat(aesCm.errorCode()).isEqualTo("aes_cm_not_in_fips_mode");
    }

    @Test
    void aUserBooksAndJoinsAndTheCallRecordsAreSealedSearchableAndIntact() throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject meeting = Meetings.openNow(alice, "host_pin_only", false);
        String roomId = meeting.getJsonObject("room").getString("id");
        String name = "FIPS participant " + UUID.randomUUID();
        JsonObject joined = Meetings.join(server, "198.51.100.61", Meetings.alias(meeting), name, Meetings.HOST_PIN);
        assertThat(joined.toString()).as("a join token signed with ES256 by the module").contains("eyJ");

        CallRecordsProbe probe = new CallRecordsProbe(server);
        JsonObject join = probe.awaitInRoom(roomId, CallRecordsProbe.joinOf(name));
        assertThat(join.getString("outcome")).isEqualTo("host");
        AdminClient carol = probe.auditor();
        ApiResponse one = carol.get("/cdrs/" + join.getJsonNumber("sequence").longValue());
        assertThat(one.json().getString("displayName")).as("unsealed for the auditor").isEqualTo(name);
        JsonObject verified = carol.post("/cdrs/verify", Json.createObjectBuilder().build()).json();
        assertThat(verified.getBoolean("intact")).as(verified.toString()).isTrue();
        assertThat(verified.getJsonNumber("recordsChecked").longValue()).isPositive();
        assertThat(Files.readString(server.log())).as("sealed: the name is in no log").doesNotContain(name);

        ApiResponse export = carol.post("/cdrs/export", Json.createObjectBuilder().add("passphrase", "an export passphrase").build());
        assertThat(export.status()).as(export.toString()).isEqualTo(409);
        assertThat(export.errorCode()).isEqualTo("not_in_fips_mode");
    }

    /** DTLS through bctls-fips and SRTP through the module's AES-GCM, between two real browsers and the gateway. */
    @Test
    void twoParticipantsSeeEachOtherThroughTheGatewayOverDtlsSrtpFromTheModule() throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String meeting = server.baseUri().resolve("/join/" + Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false))).toString();
        try (BrowserContext hostContext = context(); BrowserContext guestContext = context()) {
            Page host = hostContext.newPage();
            host.navigate(meeting);
            MeetingPages.enter(host, "Hugo Host", Meetings.HOST_PIN);
            Page guest = guestContext.newPage();
            guest.navigate(meeting);
            MeetingPages.enter(guest, "Gabriela Guest", Meetings.GUEST_PIN);
            MeetingPages.awaitDecodingVideos(host, 1);
            MeetingPages.awaitDecodingVideos(guest, 1);
        }
        assertThat(Files.readString(server.log())).as("each participant's media: DTLS 1.2 with an AEAD suite, AES-GCM SRTP")
                .containsPattern("Media of participant [0-9a-f-]{36} in conference [0-9a-f-]{36}: DTLS 1\\.2, TLS_ECDHE_ECDSA_WITH_AES_(128|256)_GCM_SHA(256|384), SRTP_AEAD_AES_(128|256)_GCM");
    }

    private static BrowserContext context() {
        BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 900));
        context.addInitScript(MeetingPages.RECORD_PEER_CONNECTIONS);
        return context;
    }

    @Test
    void administratorsPasswordsAreHashedWithPbkdf2AndAreAtLeastFourteenCharacters() {
        AdminClient admin = server.newAdminClient();
        ApiResponse expired = admin.login("admin", BOOTSTRAP_PASSWORD);
        assertThat(expired.errorCode()).as(expired.toString()).isEqualTo("password_expired");
        ApiResponse thirteen = admin.changeExpiredPassword("admin", BOOTSTRAP_PASSWORD, "Fips-Admin-1!");
        assertThat(thirteen.status()).as(thirteen.toString()).isEqualTo(400);
        assertThat(thirteen.json().getJsonArray("failed").getValuesAs(JsonString::getString)).containsExactly("length");
        ApiResponse changed = admin.changeExpiredPassword("admin", BOOTSTRAP_PASSWORD, ADMIN_PASSWORD);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(server.newAdminClient().login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        assertThat(server.newAdminClient().login("admin", BOOTSTRAP_PASSWORD).status()).isEqualTo(401);
    }
}
