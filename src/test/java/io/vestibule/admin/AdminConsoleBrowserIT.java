package io.vestibule.admin;

import java.io.StringReader;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in Chromium on the admin listener (R-ADM-1): the banner before any form (R-ADM-7), a directory
 * administrator signing in and out, the bootstrap administrator forced to change the first password (R-ADM-6), and
 * a role mapping created and listed (R-ADM-4), AES-CM turned off for media and on again. The service runs on its own,
 * started with a bootstrap password.
 */
class AdminConsoleBrowserIT {
    private static final String HEX = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static final String BOOTSTRAP_PASSWORD = "Bootstrap-" + HEX + "-Aa1";
    private static final String NEW_PASSWORD = "Console-" + HEX + "-Zz9!";
    private static final String AUDITORS_GROUP = "CN=vestibule-auditors,OU=Groups,DC=demo,DC=vestibule,DC=local";

    private static VestibuleServer server;
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    @BeforeAll
    static void start() {
        server = VestibuleServer.start("admin-console", Map.of("VESTIBULE_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD), () -> { });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Locator.GetByRoleOptions namedIn(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Locator.GetByLabelOptions exactly() {
        return new Locator.GetByLabelOptions().setExact(true);
    }

    private static void signIn(Page page, String username, String password) {
        Locator form = page.locator("#sign-in-form");
        form.getByLabel("User name", exactly()).fill(username);
        form.getByLabel("Password", exactly()).fill(password);
        form.getByRole(AriaRole.BUTTON, namedIn("Sign in")).click();
    }

    @Test
    void theBannerComesFirstADirectoryAdministratorSignsInAndOutTheBootstrapAdministratorChangesThePasswordAndMapsAGroup() {
        try (BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 800))) {
            Page page = context.newPage();
            List<String> requestedUrls = new CopyOnWriteArrayList<>();
            page.onRequest(request -> requestedUrls.add(request.url()));

            APIResponse bannerAnswer = context.request().get(server.adminBaseUri().resolve("/admin/api/v1/banner").toString());
            assertThat(bannerAnswer.status()).as(bannerAnswer.text()).isEqualTo(200);
            String banner = Json.createReader(new StringReader(bannerAnswer.text())).readObject().getString("banner");
            assertThat(banner).as("the service has a login banner").isNotBlank();

            page.navigate(server.adminBaseUri().resolve("/admin/").toString());
            assertThat(page.locator("#banner")).isVisible();
            assertThat(page.locator("#banner")).hasText(banner.strip());
            assertThat(page.locator("#sign-in-form")).isVisible();
            assertThat((Boolean) page.evaluate("() => !!(document.getElementById('banner').compareDocumentPosition("
                    + "document.getElementById('sign-in-form')) & Node.DOCUMENT_POSITION_FOLLOWING)"))
                    .as("the banner precedes the sign-in form").isTrue();
            assertThat(page.getByRole(AriaRole.BUTTON, named("Sign in with your certificate"))).isVisible();

            // dave holds Read-write through the demo mapping vestibule-admins → Read-write.
            signIn(page, "dave", server.demoPassword());
            page.waitForURL("**/admin/home.html");
            assertThat(page.locator("#user-name")).hasText("Dave Lefèvre");
            assertThat(page.locator("#account-roles")).containsText("Read-write");
            assertThat(page.locator("#console-nav")).containsText("Role mappings");
            // A directory account has no password to change here.
            assertThat(page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Change password"))).hasCount(0);
            page.getByRole(AriaRole.BUTTON, named("Sign out")).click();
            page.waitForURL("**/admin/index.html");
            assertThat(page.locator("#status")).hasText("You have signed out.");

            // The bootstrap password works once, to choose a new one.
            signIn(page, "admin", BOOTSTRAP_PASSWORD);
            page.waitForURL("**/admin/password.html");
            assertThat(page.locator("#expired-intro")).isVisible();
            assertThat(page.getByLabel("User name", new Page.GetByLabelOptions().setExact(true))).hasValue("admin");
            page.getByLabel("Current password").fill(BOOTSTRAP_PASSWORD);
            page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
            page.getByLabel("New password again").fill(NEW_PASSWORD);
            page.getByRole(AriaRole.BUTTON, named("Change password")).click();
            page.waitForURL("**/admin/home.html");
            assertThat(page.locator("#account-name")).containsText("(admin)");
            assertThat(page.locator("#console-nav")).containsText("Users");

            page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Role mappings")).click();
            page.waitForURL("**/admin/role-mappings.html");
            page.getByRole(AriaRole.BUTTON, named("Create mapping")).click();
            Locator form = page.locator("#mapping-form");
            form.getByLabel("Name", exactly()).fill("Auditors read");
            form.getByLabel("Directory group (DN)").fill(AUDITORS_GROUP);
            form.getByLabel("Read-only", exactly()).check();
            assertThat(page.locator("input, select, textarea").evaluateAll(
                    "fields => fields.filter(f => f.type !== 'hidden' && f.labels.length === 0).map(f => f.id || f.name)"))
                    .as("every form control has a label").isEqualTo(List.of());
            Request create = page.waitForRequest(request -> request.method().equals("POST")
                    && request.url().endsWith("/admin/api/v1/role-mappings"),
                    () -> form.getByRole(AriaRole.BUTTON, namedIn("Save")).click());
            assertThat(page.locator("#status")).hasText("Role mapping “Auditors read” created.");
            Locator row = page.locator("#mappings tbody tr", new Page.LocatorOptions().setHasText("Auditors read"));
            assertThat(row).containsText(AUDITORS_GROUP);
            assertThat(row).containsText("Read-only");

            String csrfToken = create.headerValue("x-csrf-token");
            assertThat(csrfToken).as("a state change carries the login's CSRF token").isNotBlank();
            assertThat((String) page.evaluate("() => JSON.stringify(sessionStorage)")).contains(csrfToken);
            assertThat((String) page.evaluate("() => JSON.stringify(localStorage)")).doesNotContain(csrfToken);
            assertThat(requestedUrls).as("no secret in an address")
                    .noneMatch(url -> url.contains(csrfToken) || url.contains(NEW_PASSWORD) || url.contains(BOOTSTRAP_PASSWORD)
                            || url.contains(server.demoPassword()));
            Chromium.screenshot(page, "admin-console.png");

            page.reload();
            assertThat(page.locator("#mappings tbody tr", new Page.LocatorOptions().setHasText("Auditors read")))
                    .containsText(AUDITORS_GROUP);
            page.setViewportSize(390, 844);
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("a narrow screen needs no sideways scrolling").isTrue();
        }
    }

    @Test
    void aReadWriteAdministratorTurnsAesCmOffAfterConfirmingAndOnAgain() {
        try (BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate(server.adminBaseUri().resolve("/admin/").toString());
            signIn(page, "dave", server.demoPassword());
            page.waitForURL("**/admin/home.html");
            page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Authentication settings")).click();
            page.waitForURL("**/admin/settings.html");
            page.getByRole(AriaRole.BUTTON, named("Save")).click();
            assertThat(page.locator("#status")).hasText("Authentication settings saved.");

            page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Media encryption")).click();
            page.waitForURL("**/admin/media-settings.html");
            Locator allowAesCm = page.getByLabel("Also allow AES-CM (SRTP_AES128_CM_HMAC_SHA1_80) for older clients");
            Locator profiles = page.locator("#srtp-profiles li");
            assertThat(allowAesCm).isChecked();
            assertThat(profiles).hasText(new String[] {"SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM", "SRTP_AES128_CM_HMAC_SHA1_80"});
            assertThat(page.locator("#allow-aes-cm-hint")).containsText("older clients that offer no AEAD profile");

            allowAesCm.uncheck();
            page.getByRole(AriaRole.BUTTON, named("Save")).click();
            Locator confirmation = page.getByRole(AriaRole.DIALOG);
            assertThat(confirmation).containsText("Turn AES-CM off?");
            confirmation.getByRole(AriaRole.BUTTON, namedIn("Keep it")).click();
            assertThat(page.locator("#status")).isHidden();
            assertThat(profiles).hasCount(3);

            page.getByRole(AriaRole.BUTTON, named("Save")).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, namedIn("Turn AES-CM off")).click();
            assertThat(page.locator("#status")).hasText("Media encryption settings saved.");
            assertThat(profiles).hasText(new String[] {"SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM"});
            Chromium.screenshot(page, "admin-media-settings.png");
            page.reload();
            assertThat(page.getByLabel("Also allow AES-CM (SRTP_AES128_CM_HMAC_SHA1_80) for older clients")).not().isChecked();

            page.getByLabel("Also allow AES-CM (SRTP_AES128_CM_HMAC_SHA1_80) for older clients").check();
            page.getByRole(AriaRole.BUTTON, named("Save")).click();
            assertThat(page.locator("#status")).hasText("Media encryption settings saved.");
            assertThat(profiles).hasCount(3);
        }
    }

    /**
     * The join settings and the Rooms page: a setting saved and shown again, one refused naming its field, a room found,
     * limited and closed; both pages in Spanish and at 390 px without sideways scrolling. The console lists only
     * permissions that open a page. Screenshots at 1280 and 390 px wide.
     */
    @Test
    void aReadWriteAdministratorChangesAJoinSettingAndLimitsAndClosesARoom() {
        JsonObject meeting = Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_pin_only", false);
        String alias = Meetings.alias(meeting);
        try (BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate(server.adminBaseUri().resolve("/admin/").toString());
            signIn(page, "dave", server.demoPassword());
            page.waitForURL("**/admin/home.html");
            assertThat(page.locator("#account-permissions")).containsText("Limit and close rooms");
            assertThat(page.locator("#account-permissions")).containsText("Lift break-in blocks");
            page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Roles and permissions")).click();
            page.waitForURL("**/admin/roles.html");
            Locator auditor = page.locator("#roles tbody tr", new Page.LocatorOptions().setHasText("Auditor"));
            assertThat(auditor).containsText("View call detail records");
            // No page lies behind backups, snapshots or packet captures, so the console does not list them; alarms are on
            // the overview's dashboard.
            assertThat(auditor).not().containsText("backups");
            assertThat(auditor).not().containsText("packet captures");
            assertThat(page.locator("#roles tbody tr", new Page.LocatorOptions().setHasText("Read-only"))).containsText("View alarms");

            page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Joining and PINs")).click();
            page.waitForURL("**/admin/join-settings.html");
            Locator lobby = page.getByLabel("Lobby timeout (minutes)");
            assertThat(lobby).hasValue("15");
            assertThat(page.getByLabel("Join token lifetime (seconds)")).hasValue("120");
            assertThat(page.getByLabel("Addresses never counted or blocked (one address or CIDR range per line)")).hasValue("127.0.0.1/32\n::1/128");
            assertThat(page.locator("input, select, textarea").evaluateAll(
                    "fields => fields.filter(f => f.type !== 'hidden' && f.labels.length === 0).map(f => f.id || f.name)"))
                    .as("every form control has a label").isEqualTo(List.of());
            lobby.fill("10");
            page.getByRole(AriaRole.BUTTON, named("Save")).click();
            assertThat(page.locator("#status")).hasText("Joining settings saved. They apply from the next join.");
            Chromium.screenshot(page, "admin-join-settings-1280.png");
            page.reload();
            assertThat(page.getByLabel("Lobby timeout (minutes)")).hasValue("10");
            page.getByLabel("Join token lifetime (seconds)").fill("20");
            page.getByRole(AriaRole.BUTTON, named("Save")).click();
            assertThat(page.getByLabel("Join token lifetime (seconds)")).hasAttribute("aria-invalid", "true");
            page.getByLabel("Join token lifetime (seconds)").fill("120");
            page.getByLabel("Lobby timeout (minutes)").fill("15");
            page.getByRole(AriaRole.BUTTON, named("Save")).click();
            assertThat(page.locator("#status")).hasText("Joining settings saved. They apply from the next join.");
            narrowScreenshot(page, "admin-join-settings-390.png");
            page.locator("#language").selectOption("es");
            assertThat(page.locator("h1")).hasText("Acceso y PIN");
            assertThat(page.getByLabel("Tiempo máximo en la sala de espera (minutos)")).hasValue("15");
            page.locator("#language").selectOption("en");
            page.setViewportSize(1280, 800);

            page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Rooms")).click();
            page.waitForURL("**/admin/rooms.html");
            page.getByLabel("Find a room").fill("no room is called this");
            page.getByRole(AriaRole.BUTTON, named("Find")).click();
            assertThat(page.locator("#no-rooms")).hasText("No room matches “no room is called this”.");
            page.getByLabel("Find a room").fill(alias);
            page.getByRole(AriaRole.BUTTON, named("Find")).click();
            assertThat(page.locator("#rooms tbody tr")).hasCount(1);
            page.getByRole(AriaRole.BUTTON, named("View the room " + meeting.getString("title"))).click();
            assertThat(page.locator("#room-name")).hasText(meeting.getString("title"));
            assertThat(page.locator("#room-live")).hasText("No meeting is running in this room.");
            assertThat(page.locator("#room-meetings tbody tr")).containsText("Scheduled");
            page.getByLabel("Use the service's limit").uncheck();
            page.getByLabel("This room's limit").fill("5");
            page.getByRole(AriaRole.BUTTON, named("Save limit")).click();
            assertThat(page.locator("#status")).hasText("Participant limit saved.");
            assertThat(page.locator("#room-facts")).containsText("5");
            Chromium.screenshot(page, "admin-rooms-1280.png");
            narrowScreenshot(page, "admin-rooms-390.png");
            page.setViewportSize(1280, 800);

            page.getByRole(AriaRole.BUTTON, named("Close room")).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, namedIn("Close room")).click();
            assertThat(page.locator("#status")).hasText("Room closed. Nobody can join it any more.");
            assertThat(page.locator("#room-facts")).containsText("Closed on");
            assertThat(page.locator("#room-limit")).isHidden();
            page.locator("#language").selectOption("fr");
            assertThat(page.locator("h1")).hasText("Salles");
            page.locator("#language").selectOption("en");
        }
        ApiResponse refused = server.newClient().from("192.0.2.40").sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                Json.createObjectBuilder().add("displayName", "Late").add("pin", Meetings.HOST_PIN).build().toString());
        assertThat(refused.errorCode()).as("the closed room admits no one").isEqualTo("not_found");
    }

    /**
     * Calendar integrations: one created with its domain, its secret shown once with a copy button and gone from the page
     * once the administrator says it is stored (and after a reload), then deleted after confirming; the page in Spanish.
     */
    @Test
    void aReadWriteAdministratorCreatesACalendarIntegrationCopiesItsSecretOnceAndDeletesIt() {
        String name = "Room booking " + HEX;
        try (BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 800))) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = context.newPage();
            page.navigate(server.adminBaseUri().resolve("/admin/").toString());
            signIn(page, "dave", server.demoPassword());
            page.waitForURL("**/admin/home.html");
            page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Calendar integrations")).click();
            page.waitForURL("**/admin/integrations.html");
            assertThat(page.locator("#no-integrations")).isVisible();

            page.getByRole(AriaRole.BUTTON, named("Create integration")).click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
            page.getByLabel("Organizers' e-mail domains (one per line)").fill("*.example.com");
            page.getByRole(AriaRole.BUTTON, named("Create and show the secret")).click();
            assertThat(page.getByLabel("Organizers' e-mail domains (one per line)")).hasAttribute("aria-invalid", "true");
            page.getByLabel("Organizers' e-mail domains (one per line)").fill("example.com\nSales.Example.org");
            page.getByRole(AriaRole.BUTTON, named("Create and show the secret")).click();
            assertThat(page.locator("#status")).hasText("Integration " + name + " created.");
            Locator secretField = page.getByLabel("Secret", new Page.GetByLabelOptions().setExact(true));
            String secret = secretField.inputValue();
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            page.getByRole(AriaRole.BUTTON, named("Copy secret")).click();
            assertThat(page.locator("#status")).hasText("Secret copied. Paste it into the calendar system now.");
            assertThat((String) page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(secret);
            assertThat(page.locator("#integrations tbody tr")).hasCount(1);
            assertThat(page.locator("#integrations tbody tr")).containsText("sales.example.org");
            Chromium.screenshot(page, "admin-integrations-secret-1280.png");

            page.getByRole(AriaRole.BUTTON, named("I have stored it")).click();
            assertThat(page.locator("#secret-panel")).isHidden();
            assertThat(secretField.inputValue()).isEmpty();
            page.reload();
            assertThat(page.locator("#integrations tbody tr")).hasCount(1);
            assertThat(page.content()).doesNotContain(secret);
            page.locator("#language").selectOption("es");
            assertThat(page.locator("h1")).hasText("Integraciones de calendario");
            page.locator("#language").selectOption("en");

            page.getByRole(AriaRole.BUTTON, named("Delete integration " + name)).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, namedIn("Delete")).click();
            assertThat(page.locator("#status")).hasText("Integration " + name + " deleted; its secret no longer works.");
            assertThat(page.locator("#no-integrations")).isVisible();
        }
    }

    /** At 390 px wide: nothing needs sideways scrolling, and the page is kept as a screenshot. */
    private static void narrowScreenshot(Page page, String name) {
        page.setViewportSize(390, 844);
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("a narrow screen needs no sideways scrolling").isTrue();
        Chromium.screenshot(page, name);
    }
}
