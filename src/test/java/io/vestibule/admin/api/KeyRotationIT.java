package io.vestibule.admin.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.ConsoleSignIn;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.OnFullDisks;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.Tmpfs;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: key-encryption-key rotation from the console's API, audited. A room booked before still admits with its
 * PIN (its data key was wrapped by the old key), a meeting booked after is sealed under a data key wrapped by the new
 * one, and the service starts again with both keys in its store.
 */
@ExtendWith(ServerResolver.class)
class KeyRotationIT {
    /** A key-encryption key's name: its version and a tag of its own. */
    private static final String KEY_NAME = "kek-%d-[0-9a-f]{12}";

    /**
     * On the shared service of {@link OnFullDisks}, which it restarts: its other users may have rotated before, so the
     * versions are counted from the key in use when it begins.
     */
    @Test
    void aRotationIsAuditedOldSecretsStillOpenNewOnesUseTheNewKeyAndTheServiceRestarts(@OnFullDisks VestibuleServer server) {
        var alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject before = Meetings.openNow(alice, "host_and_guest_pins", false);
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        String first = dave.get("/keys").json().getString("keyEncryptionKey");
        int version = Integer.parseInt(first.split("-")[1]);
        assertThat(first).matches(KEY_NAME.formatted(version));

        ApiResponse rotated = dave.post("/keys/rotate", Json.createObjectBuilder().build());

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String second = rotated.json().getString("keyEncryptionKey");
        assertThat(second).matches(KEY_NAME.formatted(version + 1));
        assertThat(rotated.json().getJsonArray("dataKeysRetired").getValuesAs(JsonObject.class))
                .extracting(key -> key.getString("purpose")).contains("room-pins");
        assertThat(rotated.body()).doesNotContain("wrapped");
        JsonObject after = Meetings.openNow(alice, "host_and_guest_pins", false);
        List<JsonObject> inUse = dave.get("/keys").json().getJsonArray("dataKeys").getValuesAs(JsonObject.class);
        assertThat(inUse).filteredOn(key -> key.getString("purpose").equals("room-pins"))
                .singleElement().satisfies(key -> assertThat(key.getString("keyEncryptionKey")).isEqualTo(second));
        Meetings.join(server, "198.51.100.71", Meetings.alias(before), "Guest Before", Meetings.GUEST_PIN);
        Meetings.join(server, "198.51.100.72", Meetings.alias(after), "Guest After", Meetings.GUEST_PIN);

        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        List<JsonObject> rotations = carol.get("/audit?type=keys.rotate&limit=1000").jsonArray().getValuesAs(JsonObject.class);
        assertThat(rotations).filteredOn(event -> event.getString("detail").contains(second)).singleElement()
                .satisfies(event -> assertThat(event.getString("detail")).contains("room-pins"));
        assertThat(rotations.get(0).getString("detail")).as("the newest rotation").contains(second);

        VestibuleServer restarted = server.restart("key-rotation-restarted");

        Meetings.join(restarted, "198.51.100.73", Meetings.alias(before), "Guest Again", Meetings.GUEST_PIN);
        AdminClient daveAgain = restarted.newAdminClient().signIn("dave", restarted.demoPassword());
        assertThat(daveAgain.get("/keys").json().getString("keyEncryptionKey")).isEqualTo(second);

        rotateInTheConsole(restarted, version + 1);
        String third = daveAgain.get("/keys").json().getString("keyEncryptionKey");
        assertThat(third).matches(KEY_NAME.formatted(version + 2));
        assertThat(restarted.newAdminClient().signIn("carol", restarted.demoPassword()).get("/audit?type=keys.rotate&limit=10").jsonArray()
                .getValuesAs(JsonObject.class)).first().satisfies(newest -> {
                    assertThat(newest.getString("actor")).startsWith("dave (");
                    assertThat(newest.getString("detail")).contains(third);
                });
    }

    /** Issue 18: the console's Keys page shows the key in use and rotates after a confirmation. */
    private static void rotateInTheConsole(VestibuleServer server, int version) {
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            ConsoleSignIn.signIn(page, server, "dave");
            ConsoleSignIn.open(page, "Encryption keys", "keys.html");
            assertThat(page.locator("#current-kek")).hasText(Pattern.compile(KEY_NAME.formatted(version)));
            assertThat(page.locator("#data-keys")).containsText("room-pins");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rotate keys").setExact(true)).click();
            page.locator("dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate keys")).click();

            assertThat(page.locator("#status")).containsText("Keys rotated");
            assertThat(page.locator("#current-kek")).hasText(Pattern.compile(KEY_NAME.formatted(version + 1)));
        }
    }

    /** Issue 21: a full disk during the key save answers 503 with an alarm, the key in use unchanged; later it works. */
    @Test
    void aRotationOnAFullDiskChangesNothingRaisesAnAlarmAndWorksOnceThereIsRoom(@OnFullDisks VestibuleServer server) throws Exception {
        Path filler = server.dataDirectory().resolve("keys").resolve("filler");
        try {
            AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
            String before = dave.get("/keys").json().getString("keyEncryptionKey");
            int version = Integer.parseInt(before.split("-")[1]);
            assertThat(before).matches(KEY_NAME.formatted(version));
            Tmpfs.fill(filler);

            ApiResponse refused = dave.post("/keys/rotate", Json.createObjectBuilder().build());

            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("key_store_unwritable");
            assertThat(dave.get("/keys").json().getString("keyEncryptionKey")).isEqualTo(before);
            assertThat(dave.get("/alarms").jsonArray().getValuesAs(JsonObject.class))
                    .anySatisfy(alarm -> assertThat(alarm.getString("type")).isEqualTo("keys.rotation_failed"));
            Files.delete(filler);
            assertThat(dave.post("/keys/rotate", Json.createObjectBuilder().build()).json().getString("keyEncryptionKey"))
                    .matches(KEY_NAME.formatted(version + 1));
        } finally {
            Files.deleteIfExists(filler);
        }
    }
}
