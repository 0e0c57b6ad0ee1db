package io.vestibule.admin.api;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.OnFullDisks;
import io.vestibule.testing.OnPostgres;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The media gateway's AES-CM switch through the admin API on the built jar ({@code /media-settings}): read and changed
 * with the configuration permissions, saved on either database, audited with before and after, strict about its body,
 * and, once saved, in force over the start-up setting across a restart.
 */
@ExtendWith(ServerResolver.class)
class MediaSettingsIT {
    private static final String AEAD_AND_AES_CM = "[\"SRTP_AEAD_AES_256_GCM\",\"SRTP_AEAD_AES_128_GCM\",\"SRTP_AES128_CM_HMAC_SHA1_80\"]";
    private static final String AEAD_ONLY = "[\"SRTP_AEAD_AES_256_GCM\",\"SRTP_AEAD_AES_128_GCM\"]";

    @Test
    void anAdministratorTurnsAesCmOffAndOnAndEachChangeIsAuditedWithBeforeAndAfter(VestibuleServer server) {
        turnsOffAndOnAudited(server);
    }

    @Test
    void onPostgresqlTheSettingIsSavedAndAuditedAlike(@OnPostgres VestibuleServer server) {
        turnsOffAndOnAudited(server);
    }

    private static void turnsOffAndOnAudited(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        boolean initially = dave.get("/media-settings").json().getBoolean("allowAesCm");
        try {
            ApiResponse on = dave.put("/media-settings", flag(true));
            assertThat(on.status()).as(on.toString()).isEqualTo(200);
            assertThat(on.json().getBoolean("allowAesCm")).isTrue();
            assertThat(on.json().getJsonArray("srtpProfiles").toString()).isEqualTo(AEAD_AND_AES_CM);

            ApiResponse off = dave.put("/media-settings", flag(false));
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
            assertThat(off.json().getBoolean("allowAesCm")).isFalse();
            assertThat(off.json().getJsonArray("srtpProfiles").toString()).as("AEAD only, still most preferred first").isEqualTo(AEAD_ONLY);
            ApiResponse read = dave.get("/media-settings");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(off.json());
            JsonObject audited = newestChange(carol);
            assertThat(audited.getString("actor")).startsWith("dave");
            assertThat(audited.getString("outcome")).isEqualTo("success");
            assertThat(audited.getString("detail")).isEqualTo("{\"allowAesCm\":true,\"srtpProfiles\":" + AEAD_AND_AES_CM + "}"
                    + " -> {\"allowAesCm\":false,\"srtpProfiles\":" + AEAD_ONLY + "}");

            ApiResponse leftOut = dave.put("/media-settings", Json.createObjectBuilder().build());
            assertThat(leftOut.status()).as(leftOut.toString()).isEqualTo(200);
            assertThat(leftOut.json().getBoolean("allowAesCm")).as("a field left out keeps its value").isFalse();

            ApiResponse back = dave.put("/media-settings", flag(true));
            assertThat(back.json().getBoolean("allowAesCm")).isTrue();
            assertThat(newestChange(carol).getString("detail")).isEqualTo("{\"allowAesCm\":false,\"srtpProfiles\":" + AEAD_ONLY + "}"
                    + " -> {\"allowAesCm\":true,\"srtpProfiles\":" + AEAD_AND_AES_CM + "}");
            assertThat(server.logText()).contains("AES-CM (SRTP_AES128_CM_HMAC_SHA1_80) is refused from the next DTLS handshake on")
                    .contains("AES-CM (SRTP_AES128_CM_HMAC_SHA1_80) is allowed from the next DTLS handshake on");
        } finally {
            dave.put("/media-settings", flag(initially));
        }
    }

    @Test
    void aBodyThatIsNotExactlyTheSettingIsRefusedNamingTheFieldAndChangesNothing(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        JsonObject before = dave.get("/media-settings").json();
        List<String> wrong = new ArrayList<>();
        Map<JsonObject, String> refusals = Map.of(
                Json.createObjectBuilder().add("allowAesCm", "false").build(), "allowAesCm",
                Json.createObjectBuilder().add("allowAesCm", 0).build(), "allowAesCm",
                Json.createObjectBuilder().add("allowAesCM", false).build(), "allowAesCM",
                Json.createObjectBuilder().add("allowAesCm", !before.getBoolean("allowAesCm"))
                        .add("srtpProfiles", Json.createArrayBuilder().add("SRTP_AES128_CM_HMAC_SHA1_32")).build(), "srtpProfiles");
        refusals.forEach((body, field) -> expectRefusal(dave.put("/media-settings", body), field, body.toString(), wrong));
        for (String body : List.of("[{\"allowAesCm\":false}]", "{\"allowAesCm\": fals", "false", "")) {
            expectRefusal(dave.sendRaw("PUT", "/media-settings", body), "body", body, wrong);
        }
        assertThat(wrong).isEmpty();
        ApiResponse withoutToken = dave.withoutCsrf("PUT", "/media-settings", flag(!before.getBoolean("allowAesCm")));
        assertThat(withoutToken.errorCode()).isEqualTo("csrf");
        assertThat(dave.get("/media-settings").json()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void onlyAnAdministratorWhoMayChangeTheConfigurationChangesIt(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient viewer = signedInReadOnly(server, dave);
        AdminClient auditor = server.newAdminClient().signIn("carol", server.demoPassword());
        JsonObject before = dave.get("/media-settings").json();
        JsonObject flipped = flag(!before.getBoolean("allowAesCm"));

        ApiResponse viewed = viewer.get("/media-settings");
        assertThat(viewed.status()).as("view_configuration reads it: " + viewed).isEqualTo(200);
        assertThat(viewed.json()).isEqualTo(before);
        ApiResponse changedByViewer = viewer.put("/media-settings", flipped);
        assertThat(changedByViewer.status()).as(changedByViewer.toString()).isEqualTo(403);
        assertThat(changedByViewer.errorCode()).isEqualTo("forbidden");
        assertThat(auditor.get("/media-settings").errorCode()).as("the Auditor does not read the configuration").isEqualTo("forbidden");
        assertThat(auditor.put("/media-settings", flipped).errorCode()).isEqualTo("forbidden");

        assertThat(dave.get("/media-settings").json()).as("nothing changed").isEqualTo(before);
        assertThat(auditor.get("/audit?type=access.refused").body()).contains("PUT media-settings needs change_configuration");
    }

    /**
     * The start-up setting is the first value only; what an administrator saves stays in force, whatever it says. The
     * shared service of {@link OnFullDisks} starts with AES-CM off and no test there saves the media settings but this.
     */
    @Test
    void theStartUpSettingIsTheFirstValueAndASavedValueOutlivesARestartThatSaysOtherwise(@OnFullDisks VestibuleServer first) {
        assertThat(first.setting("VESTIBULE_MEDIA_ALLOW_AES_CM")).isEqualTo("false");
        AdminClient dave = first.newAdminClient().signIn("dave", first.demoPassword());
        JsonObject atStart = dave.get("/media-settings").json();
        assertThat(atStart.getBoolean("allowAesCm")).as("nothing saved yet: the start-up setting").isFalse();
        assertThat(atStart.getJsonArray("srtpProfiles").toString()).isEqualTo(AEAD_ONLY);
        assertThat(dave.put("/media-settings", flag(true)).json().getBoolean("allowAesCm")).isTrue();

        VestibuleServer restarted = first.restart("media-settings-restarted");

        assertThat(restarted.setting("VESTIBULE_MEDIA_ALLOW_AES_CM")).isEqualTo("false");
        AdminClient daveAgain = restarted.newAdminClient().signIn("dave", restarted.demoPassword());
        JsonObject afterRestart = daveAgain.get("/media-settings").json();
        assertThat(afterRestart.getBoolean("allowAesCm")).as("the saved value, not the start-up setting").isTrue();
        assertThat(afterRestart.getJsonArray("srtpProfiles").getValuesAs(JsonString::getString)).last().isEqualTo("SRTP_AES128_CM_HMAC_SHA1_80");
        assertThat(restarted.logText()).contains("VESTIBULE_MEDIA_ALLOW_AES_CM=false is not used: an administrator saved true");
    }

    private static void expectRefusal(ApiResponse answer, String field, String body, List<String> wrong) {
        if (answer.status() != 400 || !"invalid_request".equals(answer.errorCode()) || !field.equals(answer.json().getString("field", null))) {
            wrong.add(body + ": " + answer);
        }
    }

    private static JsonObject flag(boolean allowAesCm) {
        return Json.createObjectBuilder().add("allowAesCm", allowAesCm).build();
    }

    /** The newest change of the media settings in the audit log, as the Auditor reads it. */
    private static JsonObject newestChange(AdminClient auditor) {
        ApiResponse events = auditor.get("/audit?type=admin.media-settings.change");
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        assertThat(events.jsonArray()).isNotEmpty();
        return events.jsonArray().getJsonObject(0);
    }

    /** A local Read-only account (view_configuration without change_configuration), created by a Read-write administrator. */
    private static AdminClient signedInReadOnly(VestibuleServer server, AdminClient creator) {
        String username = "media-viewer-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        String given = "Given-" + username + "-Pass-1";
        ApiResponse created = creator.post("/users", Json.createObjectBuilder().add("username", username).add("password", given)
                .add("roles", Json.createArrayBuilder().add("Read-only")).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String chosen = "Chosen-" + username + "-Pass-1";
        assertThat(server.newAdminClient().changeExpiredPassword(username, given, chosen).status()).isEqualTo(204);
        return server.newAdminClient().signIn(username, chosen);
    }
}
