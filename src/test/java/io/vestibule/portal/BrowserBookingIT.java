package io.vestibule.portal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.Chromium;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The portal in a real Chromium, driven by keyboard and mouse as a person would (R-UI-1). */
@ExtendWith(ServerResolver.class)
class BrowserBookingIT {
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    @Test
    void aUserSignsInBooksAMeetingSeesItListedAndDownloadsTheInvitation(VestibuleServer server) throws Exception {
        // The certificate is self-signed for this run; TlsIT checks the listener itself.
        try (BrowserContext context = chromium.newContext(options -> options.setAcceptDownloads(true).setTimezoneId("Europe/Madrid"))) {
            Page page = context.newPage();
            page.navigate(server.baseUri().toString());

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Vestibule"))).isVisible();
            page.getByLabel("User name").fill("alice");
            page.getByLabel("Password").fill(server.demoPassword());
            page.getByLabel("Password").press("Enter");
            page.waitForURL("**/meetings.html");
            assertThat(page.locator("#user-name")).hasText("Alice Martin");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Book a meeting")).click();
            page.waitForURL("**/book.html");
            String title = "Browser-booked " + UUID.randomUUID().toString().substring(0, 8);
            page.getByLabel("Title").fill(title);
            page.getByLabel("Date").fill(LocalDate.now(ZoneId.of("Europe/Madrid")).plusDays(3).toString());
            page.getByLabel("Starts at").fill("10:00");
            page.getByLabel("Ends at").fill("11:00");
            page.getByLabel("Time zone").selectOption("Europe/Madrid");
            page.getByLabel("Repeats", new Page.GetByLabelOptions().setExact(true)).selectOption("WEEKLY");
            page.getByLabel("Number of meetings").fill("3");
            page.getByLabel("Invitees' e-mail addresses").fill("guest@example.org\nsecond.guest@example.org");
            assertThat(page.locator("input, select, textarea").evaluateAll(
                    "fields => fields.filter(f => f.type !== 'hidden' && f.labels.length === 0).map(f => f.id || f.name)"))
                    .as("every form control has a label").isEqualTo(List.of());
            screenshot(page, "booking-form.png");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Book meeting")).click();
            page.waitForURL("**/meeting.html?id=*");
            assertThat(page.locator("#meeting-title")).hasText(title);
            assertThat(page.locator("#status")).containsText("Meeting booked");
            assertThat(page.locator("#meeting-repeats")).containsText("Every week");
            assertThat(page.locator("#host-pin")).hasText("••••••••");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show PINs")).click();
            assertThat(page.locator("#host-pin")).hasText(java.util.regex.Pattern.compile("^\\d{8}$"));
            String guestPin = page.locator("#guest-pin").textContent();
            assertThat(guestPin).matches("\\d{8}");
            screenshot(page, "meeting-details.png");

            Download download = page.waitForDownload(() -> page.getByText("Download invitation (.ics)").click());
            String invitation = Files.readString(download.path(), StandardCharsets.UTF_8);
            assertThat(invitation).contains("BEGIN:VCALENDAR", "METHOD:REQUEST", "SUMMARY:" + title,
                    "DTSTART;TZID=Europe/Madrid", "RRULE:FREQ=WEEKLY;COUNT=3", guestPin);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← My meetings")).click();
            page.waitForURL("**/meetings.html");
            assertThat(page.locator("#meeting-list")).containsText(title);
            screenshot(page, "meetings.png");

            page.getByLabel("Language").selectOption("es");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Mis reuniones"))).isVisible();
            page.getByLabel("Idioma").selectOption("en");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.waitForURL("**/index.html");
            page.navigate(server.baseUri().resolve("/meetings.html").toString());
            page.waitForURL("**/index.html?next=*");
        }
    }

    @Test
    void aWrongPasswordIsExplainedAndTheFormStaysUsable(VestibuleServer server) {
        try (BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            page.navigate(server.baseUri().resolve("/index.html").toString());
            page.getByLabel("User name").fill("alice");
            page.getByLabel("Password").fill("definitely-wrong");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

            assertThat(page.locator("#status")).hasText("The user name or password is wrong.");
            assertThat(page.getByLabel("Password")).hasValue("");
            assertThat(page.getByLabel("Password")).isFocused();
        }
    }

    @Test
    void afterSignInOnlyThePortalsOwnPagesAreFollowed(VestibuleServer server) throws Exception {
        String table;
        try (var cases = BrowserBookingIT.class.getResourceAsStream("/next-page-cases.json")) {
            table = new String(cases.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            page.navigate(server.baseUri().resolve("/index.html?next=" + java.net.URLEncoder.encode("/\\evil.example/x", StandardCharsets.UTF_8)).toString());
            Object wrong = page.evaluate("async (table) => { const rule = await import('/js/next-page.js');"
                    + " return JSON.parse(table).filter(c => rule.nextPage(c.next) !== c.page)"
                    + ".map(c => JSON.stringify(c.next) + ' -> ' + rule.nextPage(c.next)); }", table);
            assertThat((List<?>) wrong).as("the page's rule against the table NextPageTest checks the server's with").isEmpty();

            page.getByLabel("User name").fill("alice");
            page.getByLabel("Password").fill(server.demoPassword());
            page.getByLabel("Password").press("Enter");
            page.waitForURL("**/meetings.html");
            assertThat(page.url()).startsWith(server.baseUri().resolve("/meetings.html").toString());
        }
    }

    @Test
    void theInvitationLinkGoesToTheClipboardNotOnThePageUnlessTheClipboardIsRefused(VestibuleServer server) {
        JsonObject meeting = Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_pin_only", false);
        try (BrowserContext context = chromium.newContext()) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = context.newPage();
            page.navigate(server.baseUri().resolve("/index.html?next=" + java.net.URLEncoder.encode(
                    "/meeting.html?id=" + meeting.getString("id"), StandardCharsets.UTF_8)).toString());
            page.getByLabel("User name").fill("alice");
            page.getByLabel("Password").fill(server.demoPassword());
            page.getByLabel("Password").press("Enter");
            page.waitForURL("**/meeting.html?id=*");
            Locator copy = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy invitation link"));

            copy.click();
            assertThat(page.locator("#status")).hasText(Pattern.compile("^Invitation link copied, valid until .+\\.$"));
            String copied = (String) page.evaluate("() => navigator.clipboard.readText()");
            assertThat(copied).startsWith(meeting.getString("joinUrl") + "#invitation=");
            String token = copied.substring(copied.indexOf('=') + 1);
            assertThat(page.locator("body").innerText()).doesNotContain(token);
            assertThat(page.locator("#invitation-fallback")).isHidden();
            assertThat(page.getByLabel("Invitation link", new Page.GetByLabelOptions().setExact(true))).hasValue("");

            // A browser that refuses the clipboard gets the link in a field, selected, to copy by hand.
            page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError')); }");
            copy.click();
            assertThat(page.locator("#status")).containsText("Your browser did not let the page copy the invitation link");
            Locator field = page.getByLabel("Invitation link", new Page.GetByLabelOptions().setExact(true));
            assertThat(field).isVisible();
            assertThat(field).isFocused();
            String link = meeting.getString("joinUrl") + "#invitation=";
            assertThat(field.inputValue()).startsWith(link).hasSizeGreaterThan(link.length());
            assertThat((Boolean) field.evaluate("input => input.selectionStart === 0 && input.selectionEnd === input.value.length"))
                    .as("the link is selected").isTrue();
        }
    }

    private static void screenshot(Page page, String name) {
        Chromium.screenshot(page, name);
    }
}
