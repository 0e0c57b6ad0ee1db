package io.vestibule.admin;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JcePasswordAuthEnvelopedRecipient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.AuditRecords;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.OnFullDisks;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's console pages in Chromium (R-CDR-5, R-AUD-1): after a real join through the portal API, the demo
 * Auditor carol finds its call records by room, reads one in full, downloads an export that holds no plaintext,
 * verifies the chain, and finds each of those accesses in the audit log; a Read-write administrator is kept out.
 * The service has no local administrator, so the console's first visit is on the path too.
 */
@ExtendWith(ServerResolver.class)
class AdminAuditorBrowserIT {
    private static final String HEX = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    // Accented, so the blind index's and the export's handling of non-ASCII names is on the path too.
    private static final String DISPLAY_NAME = "Zoë Auditable " + HEX;
    private static final String CLIENT_ADDRESS = "203.0.113.77";
    private static final String PASSPHRASE = "Export-" + HEX + "-passphrase";

    private static VestibuleServer server;
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    /**
     * No local administrator: the directory's administrators and Auditors sign in before first-start setup. The shared
     * full-disk service ({@link OnFullDisks}) has none until this class's last test makes one; its other users sign in
     * as the directory's administrators only.
     */
    @BeforeAll
    static void start(@OnFullDisks VestibuleServer shared) {
        server = shared;
    }

    private static Locator.GetByRoleOptions namedIn(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Locator.GetByLabelOptions exactly() {
        return new Locator.GetByLabelOptions().setExact(true);
    }

    private static BrowserContext newContext() {
        return chromium.newContext(options -> options.setViewportSize(1280, 800).setAcceptDownloads(true));
    }

    private static void signIn(Page page, String username) {
        page.navigate(server.adminBaseUri().resolve("/admin/").toString());
        Locator form = page.locator("#sign-in-form");
        form.getByLabel("User name", exactly()).fill(username);
        form.getByLabel("Password", exactly()).fill(server.demoPassword());
        form.getByRole(AriaRole.BUTTON, namedIn("Sign in")).click();
        page.waitForURL("**/admin/home.html");
    }

    private static void assertEveryControlLabelledAndNoSidewaysScrolling(Page page, String narrowScreenshot) {
        assertThat(page.locator("input, select, textarea").evaluateAll(
                "fields => fields.filter(f => f.type !== 'hidden' && f.labels.length === 0).map(f => f.id || f.name)"))
                .as("every form control has a label").isEqualTo(List.of());
        page.setViewportSize(390, 844);
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("a narrow screen needs no sideways scrolling").isTrue();
        Chromium.screenshot(page, narrowScreenshot);
        page.setViewportSize(1280, 800);
    }

    @Test
    void theAuditorFindsAJoinsRecordsExportsThemEncryptedVerifiesTheChainAndSeesHerAccessesAudited() throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject meeting = Meetings.openNow(alice, "host_pin_only", false);
        String roomId = meeting.getJsonObject("room").getString("id");
        JsonObject joined = Meetings.join(server, CLIENT_ADDRESS, Meetings.alias(meeting), DISPLAY_NAME, Meetings.HOST_PIN);
        assertThat(joined.getString("role")).isEqualTo("host");

        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            List<Request> requests = new CopyOnWriteArrayList<>();
            page.onRequest(requests::add);

            signIn(page, "carol");
            Locator nav = page.locator("#console-nav");
            assertThat(nav.getByRole(AriaRole.LINK, namedIn("Call records"))).isVisible();
            assertThat(nav.getByRole(AriaRole.LINK, namedIn("Audit log"))).isVisible();
            // She manages Auditor accounts (manage_auditors), and nothing of the configuration.
            assertThat(nav.getByRole(AriaRole.LINK, namedIn("Users"))).isVisible();
            assertThat(nav.getByRole(AriaRole.LINK, namedIn("Settings"))).hasCount(0);

            // The join's records are written off the join path; wait until the room's join record can be found.
            page.waitForFunction("async ([room, name]) => {"
                    + " const answer = await fetch('/admin/api/v1/cdrs?room=' + encodeURIComponent(room), { headers: { Accept: 'application/json' } });"
                    + " return answer.ok && (await answer.json()).some((record) => record.type === 'participant_join' && record.displayName === name); }",
                    List.of(roomId, DISPLAY_NAME), new Page.WaitForFunctionOptions().setPollingInterval(250).setTimeout(20_000));

            nav.getByRole(AriaRole.LINK, namedIn("Call records")).click();
            page.waitForURL("**/admin/call-records.html");
            // The shared service's other classes may have left more records than one page holds: then it says so.
            assertThat(page.locator("#results-summary"))
                    .hasText(Pattern.compile("Records found: \\d+, newest first\\.|The newest 200 records are shown; narrow the search to see older ones\\."));
            Locator search = page.locator("#search-form");
            // By what people know of a meeting: its title.
            search.getByLabel("Room or meeting", exactly()).fill(meeting.getString("title"));
            search.getByRole(AriaRole.BUTTON, namedIn("Search")).click();
            Locator rows = page.locator("#records tbody tr");
            Locator joinRow = rows.filter(new Locator.FilterOptions().setHasText("Participant joined"));
            assertThat(joinRow).hasCount(1);
            assertThat(joinRow).containsText(DISPLAY_NAME);
            assertThat(joinRow).containsText("Host");
            assertThat(joinRow).containsText(CLIENT_ADDRESS);
            assertThat(joinRow).containsText(roomId);
            assertThat(rows.filter(new Locator.FilterOptions().setHasText("Conference started"))).hasCount(1);
            // Only the room's records.
            assertThat(rows.filter(new Locator.FilterOptions().setHasNotText(roomId))).hasCount(0);
            assertThat(page.locator("#results-summary")).hasText("Records found: " + rows.count() + ", newest first.");

            String sequence = joinRow.getAttribute("data-sequence");
            joinRow.getByRole(AriaRole.BUTTON, namedIn("View record " + sequence)).click();
            Locator detail = page.locator("#record-detail");
            assertThat(detail.getByRole(AriaRole.HEADING, namedIn("Record " + sequence))).isFocused();
            assertThat(detail.locator("[data-field-name=displayName]")).hasText(DISPLAY_NAME);
            assertThat(detail.locator("[data-field-name=roomId]")).hasText(roomId);
            assertThat(detail.locator("[data-field-name=remoteAddress]")).hasText(CLIENT_ADDRESS);
            assertThat(detail.locator("[data-field-name=encryption]")).containsText("DTLS-SRTP");

            Locator export = page.locator("#export-form");
            assertThat(export.getByLabel("CSV (spreadsheets)")).isChecked();
            assertThat(export.locator("#export-command"))
                    .hasText("openssl cms -decrypt -inform DER -in call-records.csv.p7m -pwri_password <passphrase>");
            export.getByLabel("Passphrase", exactly()).fill(PASSPHRASE);
            export.getByLabel("Passphrase again", exactly()).fill(PASSPHRASE);
            Download download = page.waitForDownload(() -> export.getByRole(AriaRole.BUTTON, namedIn("Export")).click());
            assertThat(download.suggestedFilename()).isEqualTo("call-records.csv.p7m");
            byte[] exported = Files.readAllBytes(download.path());
            assertThat(exported[0]).as("a DER SEQUENCE: the CMS object").isEqualTo((byte) 0x30);
            assertThat(new String(exported, StandardCharsets.ISO_8859_1))
                    .as("no plaintext in the export")
                    .doesNotContain(new String(DISPLAY_NAME.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                    .doesNotContain(CLIENT_ADDRESS);
            assertThat(new String(openExport(exported), StandardCharsets.UTF_8))
                    .as("the passphrase opens it, and it holds the join").contains(DISPLAY_NAME).contains(roomId);
            assertThat(page.locator("#export-status")).hasText("Encrypted export call-records.csv.p7m downloaded.");
            assertThat(export.getByLabel("Passphrase", exactly())).isEmpty();
            Request exportRequest = requests.stream().filter(request -> request.url().endsWith("/admin/api/v1/cdrs/export"))
                    .findFirst().orElseThrow();
            assertThat(exportRequest.method()).isEqualTo("POST");
            assertThat(exportRequest.headerValue("x-csrf-token")).as("the export is a state change with the CSRF token").isNotBlank();
            assertThat(requests).as("no passphrase in an address").noneMatch(request -> request.url().contains(PASSPHRASE));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify chain").setExact(true)).click();
            Locator report = page.locator("#verify-report");
            assertThat(report).containsText("The chain is intact");
            assertThat(report).containsText("Records checked");
            Chromium.screenshot(page, "admin-call-records.png");

            // A broken chain cannot be made here without tampering with the database: a stubbed answer shows how
            // each finding is reported.
            page.route("**/admin/api/v1/cdrs/verify", route -> route.fulfill(new Route.FulfillOptions().setStatus(200)
                    .setContentType("application/json").setBody("{\"intact\":false,\"recordsChecked\":4,\"firstSequence\":1,"
                            + "\"lastSequence\":5,\"checkpointsChecked\":1,\"lastCheckpoint\":5,\"findings\":[{\"sequence\":3,"
                            + "\"problem\":\"record 3 is missing: deleted\"}]}")));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify chain").setExact(true)).click();
            assertThat(report).containsText("The chain is broken. Findings: 1.");
            assertThat(report.locator(".findings li")).hasText("record 3: record 3 is missing: deleted");
            page.unroute("**/admin/api/v1/cdrs/verify");

            // Text that names no room is said to match nothing, rather than answered with no records.
            Locator room = search.getByLabel("Room or meeting", exactly());
            room.fill("No such meeting " + HEX);
            search.getByRole(AriaRole.BUTTON, namedIn("Search")).click();
            assertThat(page.locator("#status")).hasText("Nothing matches “No such meeting " + HEX
                    + "”: it is no meeting’s title, and no room’s alias, numeric alias, join link or id.");
            assertThat(room).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#records")).isHidden();
            // Part of a name finds nothing, and the page says why; the participant id a record shows finds them all.
            room.fill("");
            Locator participant = search.getByLabel("Participant", exactly());
            participant.fill("Zoë");
            search.getByRole(AriaRole.BUTTON, namedIn("Search")).click();
            assertThat(page.locator("#no-records-hint")).containsText("A name is found only whole");
            participant.fill(DISPLAY_NAME);
            search.getByRole(AriaRole.BUTTON, namedIn("Search")).click();
            joinRow.getByRole(AriaRole.BUTTON, namedIn("View record " + sequence)).click();
            detail.getByRole(AriaRole.BUTTON, namedIn("Search this participant’s records")).click();
            assertThat(participant).hasValue(joined.getString("participantId"));
            assertThat(joinRow).hasCount(1);
            assertThat(page.locator("#no-records-hint")).isHidden();
            assertEveryControlLabelledAndNoSidewaysScrolling(page, "admin-call-records-narrow.png");

            nav.getByRole(AriaRole.LINK, namedIn("Audit log")).click();
            page.waitForURL("**/admin/audit.html");
            Locator events = page.locator("#events tbody tr");
            for (String type : List.of("cdr.search", "cdr.view", "cdr.export", "cdr.verify")) {
                Locator entry = events.filter(new Locator.FilterOptions().setHas(page.locator("td", new Page.LocatorOptions().setHasText(type))));
                assertThat(entry.first()).containsText("carol");
                assertThat(entry.first()).containsText("success");
            }
            assertThat(events.filter(new Locator.FilterOptions().setHasText("cdr.view")).first()).containsText("record " + sequence);

            page.locator("#audit-form").getByLabel("Event type").fill("cdr.export");
            page.locator("#audit-form").getByRole(AriaRole.BUTTON, namedIn("Search")).click();
            assertThat(page.locator("#events-summary")).hasText("Events found: 1, newest first.");
            assertThat(events).hasCount(1);
            assertThat(events.first()).containsText("encrypted csv");
            assertThat(events.first().locator("[data-label=Severity]")).containsText("notice");
            // A type prefix with an actor narrows to her call-record events; the export saves what the filter selects.
            page.locator("#audit-form").getByLabel("Event type").fill("cdr.*");
            page.locator("#audit-form").getByLabel("Actor").fill("carol");
            page.locator("#audit-form").getByLabel("Severity at least").selectOption("notice");
            page.locator("#audit-form").getByRole(AriaRole.BUTTON, namedIn("Search")).click();
            assertThat(events.filter(new Locator.FilterOptions().setHasText("cdr.search")).first()).isVisible();
            int shown = events.count();
            assertThat(shown).isGreaterThanOrEqualTo(4);
            for (int row = 0; row < shown; row++) {
                assertThat(events.nth(row)).containsText("cdr.");
                assertThat(events.nth(row)).containsText("carol");
            }
            Download auditExport = page.waitForDownload(() -> page.locator("#auditor-tools").getByRole(AriaRole.BUTTON, namedIn("Export as CSV")).click());
            String exportedCsv = Files.readString(auditExport.path());
            assertThat(exportedCsv).startsWith("id,at,type,actor,source,outcome,severity,detail\r\n");
            assertThat(exportedCsv.lines().skip(1).toList()).hasSize(shown).allMatch(line -> line.contains(",cdr.") && line.contains(",carol"));
            Chromium.screenshot(page, "admin-audit.png");
            assertEveryControlLabelledAndNoSidewaysScrolling(page, "admin-audit-narrow.png");

            page.locator("#language").selectOption("fr");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Journal d’audit").setExact(true))).isVisible();
            assertThat(events.first().locator("[data-label=Résultat]")).containsText("succès");
        }

        // A Read-write administrator neither sees the auditor's pages nor opens them.
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            signIn(page, "dave");
            assertThat(page.locator("#console-nav")).containsText("Users");
            assertThat(page.locator("#console-nav").getByRole(AriaRole.LINK, namedIn("Call records"))).hasCount(0);
            page.navigate(server.adminBaseUri().resolve("/admin/call-records.html").toString());
            assertThat(page.locator("#status")).hasText("Your account is not allowed to open this page.");
            assertThat(page.locator("#auditor-tools")).isHidden();
        }
    }

    /**
     * Issue 16: the first visit offered only the setup form, so a directory administrator could not sign in until
     * someone created a local administrator with the code printed at start. Now the setup form stands beside the
     * sign-in while no local administrator exists, and dave signs in before it is used.
     */
    @Test
    void beforeTheFirstLocalAdministratorExistsDaveSignsInBesideTheSetupForm() {
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.navigate(server.adminBaseUri().resolve("/admin/").toString());
            Locator signInForm = page.locator("#sign-in-form");
            Locator setupForm = page.locator("#setup-form");
            assertThat(signInForm).isVisible();
            assertThat(setupForm).isVisible();
            assertThat(setupForm.getByLabel("Setup code")).isVisible();
            assertThat(setupForm.getByRole(AriaRole.HEADING)).hasText("First start: create the administrator");
            assertThat(setupForm.boundingBox().x).as("beside the sign-in, not below it")
                    .isGreaterThanOrEqualTo(signInForm.boundingBox().x + signInForm.boundingBox().width);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with your certificate"))).isVisible();
            Chromium.screenshot(page, "admin-first-visit.png");
            assertEveryControlLabelledAndNoSidewaysScrolling(page, "admin-first-visit-narrow.png");

            signIn(page, "dave");
            assertThat(page.locator("#user-name")).hasText("Dave Lefèvre");
            assertThat(page.locator("#account-roles")).containsText("Read-write");
            assertThat(setupStillPending(context)).as("dave's sign-in did not need the setup").isTrue();
        }

        Matcher printed = Pattern.compile("create the first one with this one-time setup code:\\s+(\\S+)").matcher(server.logText());
        assertThat(printed.find()).as("the setup code printed at start").isTrue();
        String password = "First-Admin-7-" + HEX + "-pass";
        ApiResponse setUp = server.newAdminClient().withoutCsrf("POST", "/setup", Json.createObjectBuilder()
                .add("setupCode", printed.group(1)).add("username", "first-" + HEX).add("password", password).build());
        assertThat(setUp.status()).as(setUp.toString()).isEqualTo(201);
        assertThat(AuditRecords.of(server)).as("the audit files record the setup (issue 18), never its code or password")
                .anySatisfy(event -> assertThat(event).containsEntry("type", "admin.setup").containsEntry("actor", "first-" + HEX)
                        .containsEntry("outcome", "success"))
                .allSatisfy(event -> assertThat(event.toString()).doesNotContain(printed.group(1), password));
    }

    private static boolean setupStillPending(BrowserContext context) {
        APIResponse banner = context.request().get(server.adminBaseUri().resolve("/admin/api/v1/banner").toString());
        assertThat(banner.status()).as(banner.text()).isEqualTo(200);
        return Json.createReader(new StringReader(banner.text())).readObject().getBoolean("setupRequired");
    }

    private static byte[] openExport(byte[] encrypted) throws Exception {
        CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(encrypted);
        RecipientInformation recipient = data.getRecipientInfos().getRecipients().iterator().next();
        return recipient.getContent(new JcePasswordAuthEnvelopedRecipient(PASSPHRASE.toCharArray())
                .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8).setProvider(CryptoPolicy.bouncyCastle()));
    }
}
