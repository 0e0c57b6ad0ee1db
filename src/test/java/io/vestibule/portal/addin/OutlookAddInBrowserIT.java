package io.vestibule.portal.addin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.SsoParts;
import io.vestibule.testing.SsoResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Outlook add-in's command in Chromium (R-CAL-1), against a stand-in Outlook: Office.js cannot load here, so
 * Microsoft's address for it is answered with a stand-in (test resources, addin/office-stand-in.js) that holds an
 * appointment in memory and records what the add-in writes, and a stand-in Outlook page on Outlook's own origin
 * frames the function file as Outlook on the web does, which the add-in pages' CSP must allow. The sign-in dialog is
 * a real popup through the real Keycloak of the single sign-on tests.
 */
@ExtendWith(SsoResolver.class)
@SuppressWarnings("unchecked")
class OutlookAddInBrowserIT {
    private static final String OUTLOOK = "https://outlook.office.com";
    private static final String STAND_IN_HOST = OUTLOOK + "/stand-in/host.html";

    /**
     * The stand-in Outlook is a public origin to Chromium, the service a loopback one: Chromium's local network access
     * checks would refuse the frame before its CSP is even read. Real Outlook frames a service on the organisation's
     * network the same way, which is why those checks let it ask the user; a test cannot answer that prompt.
     */
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass(List.of("--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets,LocalNetworkAccessChecksWebRTC"));

    @Test
    void theCommandSignsInAddsTheRoomAndASecondRunUpdatesTheSameRoomWithOneBlock(SsoParts sso) {
        try (BrowserContext context = chromium.newContext(options -> options.setTimezoneId("Europe/Madrid"))) {
            String functionFile = sso.portal().baseUri().resolve("/addin/commands.html").toString();
            context.route("https://appsforoffice.microsoft.com/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/javascript").setBody(resource("office-stand-in.js"))));
            context.route(OUTLOOK + "/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/html").setBody(resource("stand-in-host.html").replace("FUNCTION_FILE", functionFile))));
            Page outlook = context.newPage();
            outlook.navigate(STAND_IN_HOST);
            Frame addIn = functionFile(outlook);
            addIn.waitForFunction("() => window.officeStandIn && window.officeStandIn.state.associated.includes('addVestibuleMeeting')");
            Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            addIn.evaluate("([start, end]) => { officeStandIn.state.start = start; officeStandIn.state.end = end; }",
                    List.of(start.toString(), start.plus(1, ChronoUnit.HOURS).toString()));

            // First run: the dialog opens on our sign-in page, which goes on to Keycloak; Alice signs in there.
            Page dialog = outlook.waitForPopup(() -> addIn.evaluate("officeStandIn.start('addVestibuleMeeting')"));
            dialog.waitForURL(sso.keycloak().issuer() + "/**");
            assertThat(dialog.url()).contains("code_challenge_method=S256").contains("client_id=vestibule-outlook")
                    .contains("redirect_uri=" + URLEncoder.encode(sso.portal().baseUri().resolve("/addin/signed-in.html").toString(),
                            StandardCharsets.UTF_8));
            dialog.locator("#username").fill("alice");
            dialog.locator("#password").fill(sso.password());
            dialog.locator("#kc-login").click();
            addIn.waitForFunction("() => officeStandIn.state.completed === 1", null, new Frame.WaitForFunctionOptions().setTimeout(30_000));
            Map<String, Object> first = state(addIn);
            assertThat(notifications(first)).last().satisfies(notification ->
                    assertThat(notification).containsEntry("type", "informationalMessage")
                            .hasEntrySatisfying("message", message -> assertThat((String) message).contains("added")));
            assertThat(((List<?>) first.get("dialogs"))).hasSize(1);
            assertThat(((Map<String, Object>) ((List<?>) first.get("dialogs")).get(0))).containsEntry("closedBy", "add-in").containsEntry("messages", 1);
            String joinUrl = (String) first.get("location");
            assertThat(joinUrl).startsWith(sso.portal().baseUri().resolve("/join/").toString());
            String body = (String) first.get("body");
            assertThat(blocks(body)).isEqualTo(1);
            assertThat(body).contains("Agenda: the quarter.").contains(joinUrl);
            String key = (String) ((Map<String, Object>) first.get("savedCustomProperties")).get("vestibuleEventKey");
            assertThat(key).matches("[0-9a-f-]{36}");

            // The meeting as its owner sees it in the API: the host PIN is there, and nowhere in the appointment.
            PortalClient alice = sso.portal().newClient().withBearer(sso.addInTokens("alice").accessToken());
            JsonObject meeting = meetingJoinedAt(alice, joinUrl);
            String hostPin = meeting.getJsonObject("room").getString("hostPin");
            assertThat(meeting.getString("title")).isEqualTo("Quarterly review");
            assertThat(OffsetDateTime.parse(meeting.getString("start")).toInstant()).isEqualTo(start);
            if (!meeting.getJsonObject("room").isNull("guestPin")) {
                assertThat(body).contains(meeting.getJsonObject("room").getString("guestPin"));
            }
            assertThat(stateText(first)).doesNotContain(hostPin);

            // The join link works: the join page of that room.
            Page guest = context.newPage();
            guest.navigate(joinUrl);
            PlaywrightAssertions.assertThat(guest.locator("#room-alias"))
                    .hasText(meeting.getJsonObject("room").getString("alias"));
            guest.close();

            // Second run, after the organizer moved the appointment: no new sign-in, the same room, one block.
            Instant moved = start.plus(1, ChronoUnit.DAYS);
            addIn.evaluate("([start, end]) => { officeStandIn.state.start = start; officeStandIn.state.end = end; }",
                    List.of(moved.toString(), moved.plus(1, ChronoUnit.HOURS).toString()));
            addIn.evaluate("officeStandIn.start('addVestibuleMeeting')");
            addIn.waitForFunction("() => officeStandIn.state.completed === 2", null, new Frame.WaitForFunctionOptions().setTimeout(30_000));
            Map<String, Object> second = state(addIn);
            assertThat(((List<?>) second.get("dialogs"))).as("the token is still held: no second sign-in").hasSize(1);
            assertThat(notifications(second)).last().satisfies(notification ->
                    assertThat(notification).containsEntry("type", "informationalMessage")
                            .hasEntrySatisfying("message", message -> assertThat((String) message).contains("updated")));
            assertThat(second.get("location")).isEqualTo(joinUrl);
            assertThat(blocks((String) second.get("body"))).isEqualTo(1);
            assertThat((String) second.get("body")).contains("Agenda: the quarter.");
            assertThat(((Map<String, Object>) second.get("savedCustomProperties")).get("vestibuleEventKey")).isEqualTo(key);
            JsonObject updated = meetingJoinedAt(alice, joinUrl);
            assertThat(updated.getString("id")).isEqualTo(meeting.getString("id"));
            assertThat(OffsetDateTime.parse(updated.getString("start")).toInstant()).isEqualTo(moved);
            assertThat(stateText(second)).doesNotContain(hostPin);
            assertThat(((Map<String, Object>) second.get("savedCustomProperties")).get("vestibuleMeetingId")).isEqualTo(meeting.getString("id"));

            // The task pane, a runtime of its own, signs in again (Keycloak's session answers at once) and shows the
            // organizer the host PIN, which the appointment never held.
            outlook.evaluate("address => { const pane = document.createElement('iframe'); pane.id = 'task-pane'; pane.src = address;"
                    + " pane.width = 400; pane.height = 600; document.body.append(pane); }", sso.portal().baseUri().resolve("/addin/taskpane.html").toString());
            outlook.waitForCondition(() -> outlook.frames().stream().anyMatch(frame -> frame.url().contains("/addin/taskpane.html")));
            Frame pane = outlook.frames().stream().filter(frame -> frame.url().contains("/addin/taskpane.html")).findFirst().orElseThrow();
            PlaywrightAssertions.assertThat(pane.locator("#show-host-pin")).isVisible();
            outlook.waitForPopup(() -> pane.locator("#show-host-pin").click());
            PlaywrightAssertions.assertThat(pane.locator("#host-pin")).hasText(hostPin);
            PlaywrightAssertions.assertThat(pane.locator("#room-alias")).hasText(meeting.getJsonObject("room").getString("alias"));
            assertThat(stateText(state(addIn))).doesNotContain(hostPin);
            Chromium.screenshot(outlook, "addin-stand-in-outlook.png");

            // Another appointment, with a plain-text body: its own room, and one block between the marker lines.
            addIn.evaluate("() => { sessionStorage.removeItem('officeStandIn.customProperties'); const item = officeStandIn.state;"
                    + " item.savedCustomProperties = {}; item.bodyType = 'text'; item.body = 'Agenda: the year.'; item.location = '';"
                    + " item.subject = 'Yearly review'; }");
            for (int run = 3; run <= 4; run++) {
                addIn.evaluate("officeStandIn.start('addVestibuleMeeting')");
                addIn.waitForFunction("n => officeStandIn.state.completed === n", run, new Frame.WaitForFunctionOptions().setTimeout(30_000));
            }
            Map<String, Object> plain = state(addIn);
            String plainBody = (String) plain.get("body");
            assertThat(plainBody.split("-- Vestibule --", -1)).as(plainBody).hasSize(2);
            assertThat(plainBody.split("-- /Vestibule --", -1)).as(plainBody).hasSize(2);
            assertThat(plainBody).startsWith("Agenda: the year.").contains((String) plain.get("location")).doesNotContain("<div");
            assertThat((String) plain.get("location")).startsWith(sso.portal().baseUri().resolve("/join/").toString()).isNotEqualTo(joinUrl);
            assertThat(plainBody).doesNotContain(meetingJoinedAt(alice, (String) plain.get("location")).getJsonObject("room").getString("hostPin"));
        }
    }

    @Test
    void closingTheSignInDialogCompletesTheCommandWithAMessage(SsoParts sso) {
        try (BrowserContext context = chromium.newContext()) {
            String functionFile = sso.portal().baseUri().resolve("/addin/commands.html").toString();
            context.route("https://appsforoffice.microsoft.com/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/javascript").setBody(resource("office-stand-in.js"))));
            context.route(OUTLOOK + "/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/html").setBody(resource("stand-in-host.html").replace("FUNCTION_FILE", functionFile))));
            Page outlook = context.newPage();
            outlook.navigate(STAND_IN_HOST);
            Frame addIn = functionFile(outlook);
            addIn.waitForFunction("() => window.officeStandIn && window.officeStandIn.state.associated.includes('addVestibuleMeeting')");

            Page dialog = outlook.waitForPopup(() -> addIn.evaluate("officeStandIn.start('addVestibuleMeeting')"));
            dialog.waitForURL(sso.keycloak().issuer() + "/**");
            dialog.close();
            addIn.waitForFunction("() => officeStandIn.state.completed === 1", null, new Frame.WaitForFunctionOptions().setTimeout(30_000));
            Map<String, Object> state = state(addIn);
            assertThat(notifications(state)).last().satisfies(notification ->
                    assertThat(notification).containsEntry("type", "errorMessage")
                            .hasEntrySatisfying("message", message -> assertThat((String) message).contains("cancelled")));
            assertThat(state.get("location")).isEqualTo("");
            assertThat(blocks((String) state.get("body"))).isZero();
        }
    }

    @Test
    void aPageOfAnotherOriginCannotFrameTheAddIn(SsoParts sso) {
        try (BrowserContext context = chromium.newContext()) {
            String functionFile = sso.portal().baseUri().resolve("/addin/commands.html").toString();
            context.route("https://appsforoffice.microsoft.com/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/javascript").setBody(resource("office-stand-in.js"))));
            context.route("https://attacker.example/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/html").setBody(resource("stand-in-host.html").replace("FUNCTION_FILE", functionFile))));
            Page page = context.newPage();
            page.navigate("https://attacker.example/host.html");
            page.waitForLoadState();
            Frame frame = page.frames().stream().filter(candidate -> candidate != page.mainFrame()).findFirst().orElseThrow();
            // Chromium leaves a refused frame on an error document: the add-in never ran in it.
            assertThat(frame.url()).doesNotContain("/addin/commands.html");
            assertThat((Boolean) frame.evaluate("() => typeof window.officeStandIn === 'undefined'")).isTrue();
        }
    }

    private static Frame functionFile(Page outlook) {
        outlook.waitForLoadState();
        return outlook.frames().stream().filter(frame -> frame.url().contains("/addin/commands.html")).findFirst()
                .orElseThrow(() -> new AssertionError("the stand-in Outlook has no function-file frame: "
                        + outlook.frames().stream().map(Frame::url).toList()));
    }

    private static Map<String, Object> state(Frame addIn) {
        return (Map<String, Object>) addIn.evaluate("() => JSON.parse(JSON.stringify(officeStandIn.state))");
    }

    private static List<Map<String, Object>> notifications(Map<String, Object> state) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> notifications = (List<Map<String, Object>>) state.get("notifications");
        return notifications;
    }

    /** Everything the add-in wrote into the appointment, as one text. */
    private static String stateText(Map<String, Object> state) {
        return String.join("\n", String.valueOf(state.get("body")), String.valueOf(state.get("location")),
                String.valueOf(state.get("savedCustomProperties")), String.valueOf(state.get("notifications")), String.valueOf(state.get("subject")));
    }

    private static int blocks(String body) {
        return body.split("class=\"vestibule-join-block\"", -1).length - 1;
    }

    private static JsonObject meetingJoinedAt(PortalClient owner, String joinUrl) {
        ApiResponse meetings = owner.get("/api/v1/meetings");
        assertThat(meetings.status()).as(meetings.toString()).isEqualTo(200);
        return meetings.jsonArray().getValuesAs(JsonObject.class).stream().filter(meeting -> meeting.getString("joinUrl").equals(joinUrl))
                .findFirst().map(meeting -> owner.get("/api/v1/meetings/" + meeting.getString("id")).json())
                .orElseThrow(() -> new AssertionError("Alice has no meeting joined at " + joinUrl + ": " + meetings));
    }

    private static String resource(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/addin").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
