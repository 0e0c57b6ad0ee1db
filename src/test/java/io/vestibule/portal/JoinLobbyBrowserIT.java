package io.vestibule.portal;

import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.Chromium;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.MessageBundles;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The join page in Chromium: a guest waits, the host arrives in another browser, the guest moves on (R-JOIN-5). */
@ExtendWith(ServerResolver.class)
class JoinLobbyBrowserIT {
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    private static BrowserContext context() {
        return chromium.newContext();
    }

    private static void join(Page page, String name, String pin) {
        page.getByLabel("Your name").fill(name);
        page.getByLabel("PIN").fill(pin);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
    }

    @Test
    void aWaitingGuestMovesOnByItselfWhenTheHostJoinsAndKeepsItsPlaceAcrossReloads(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", true));
        String joinUrl = server.baseUri().resolve("/join/" + alias).toString();

        try (BrowserContext guestContext = context(); BrowserContext hostContext = context()) {
            Page guest = guestContext.newPage();
            guest.navigate(joinUrl);
            assertThat(guest.locator("#room-alias")).hasText(alias);
            join(guest, "Gabriela Guest", Meetings.GUEST_PIN);
            assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Waiting to be let in"))).isVisible();
            assertThat(guest.locator("#lobby-reason")).containsText("starts when a host joins");
            Chromium.screenshot(guest, "join-lobby.png");

            guest.reload();
            assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Waiting to be let in"))).isVisible();

            Page host = hostContext.newPage();
            host.navigate(joinUrl);
            join(host, "Hugo Host", Meetings.HOST_PIN);
            assertThat(host.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are in the meeting"))).isVisible();
            assertThat(host.locator("#own-role")).hasText("host");

            assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are in the meeting"))).isVisible();
            assertThat(guest.locator("#own-role")).hasText("guest");
            assertThat(guest.locator("#roster")).containsText("Hugo Host");
            assertThat(host.locator("#roster")).containsText("Gabriela Guest");
            Chromium.screenshot(host, "join-host.png");

            guest.reload();
            assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are in the meeting"))).isVisible();
            assertThat(guest.locator("#roster")).containsText("Hugo Host");

            host.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lock the meeting")).click();
            assertThat(guest.locator("#lock-state")).containsText("locked");

            host.locator("#roster li", new Page.LocatorOptions().setHasText("Gabriela Guest"))
                    .getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Remove")).click();
            assertThat(guest.locator("#status")).hasText("A host removed you from the meeting.");
            assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Join the meeting"))).isVisible();

            // Back with the PIN, the removed guest waits for the host's decision; the host's lobby list shows them,
            // one change at a time, and the host lets them in.
            join(guest, "Gabriela Guest", Meetings.GUEST_PIN);
            assertThat(guest.locator("#lobby-reason")).containsText("A host will decide");
            com.microsoft.playwright.Locator waiting = host.locator("#lobby-list li", new Page.LocatorOptions().setHasText("Gabriela Guest"));
            assertThat(waiting).containsText("recently removed");
            waiting.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Let in")).click();
            assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are in the meeting"))).isVisible();
            assertThat(host.locator("#lobby-list li")).hasCount(0);
            assertThat(host.locator("#roster")).containsText("Gabriela Guest");
        }
    }

    @Test
    void everyRefusalIsExplained(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        try (BrowserContext context = context()) {
            Page page = context.newPage();
            page.navigate(server.baseUri().resolve("/join/" + alias).toString());
            page.getByLabel("Your name").fill("Visitor");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
            assertThat(page.locator("#status")).containsText("This meeting needs a PIN");
            assertThat(page.getByLabel("PIN")).isFocused();

            join(page, "Visitor", "11112222");
            assertThat(page.locator("#status")).hasText("That PIN is not right for this meeting.");

            page.navigate(server.baseUri().resolve("/join/no-such-room").toString());
            join(page, "Visitor", Meetings.HOST_PIN);
            assertThat(page.locator("#status")).hasText("There is no meeting at this address.");
        }
    }

    @Test
    void aPageWhoseLobbyTokenSomeoneElseSpentSaysSo(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = Meetings.join(server, "100.65.0.1", alias, "Host", Meetings.HOST_PIN);
        String conference = "/api/v1/conferences/" + host.getString("conferenceId");
        server.newClient().withBearer(host.getString("token")).sendWithoutCsrf("POST", conference + "/lock", null);
        JsonObject guest = Meetings.join(server, "100.65.0.2", alias, "Gabriela Guest", Meetings.GUEST_PIN);
        server.newClient().withBearer(host.getString("token")).sendWithoutCsrf("POST",
                conference + "/participants/" + guest.getString("participantId") + "/admit", null);
        Assertions.assertThat(server.newClient().withBearer(guest.getString("token"))
                .sendWithoutCsrf("POST", "/api/v1/join/wait", null).status()).as("a copy of the lobby token collects first").isEqualTo(200);

        try (BrowserContext context = context()) {
            Page page = context.newPage();
            page.navigate(server.baseUri().resolve("/join/" + alias).toString());
            String place = Json.createObjectBuilder().add("kind", "lobby").add("token", guest.getString("token"))
                    .add("reason", "locked").add("participantId", guest.getString("participantId"))
                    .add("conferenceId", guest.getString("conferenceId")).add("displayName", "Gabriela Guest").build().toString();
            page.evaluate("([key, value]) => sessionStorage.setItem(key, value)", List.of("vestibule.join." + alias, place));
            page.reload();

            assertThat(page.locator("#status")).hasText(MessageBundles.messages(MessageBundles.PORTAL, "en").getString("error.token_spent"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Join the meeting"))).isVisible();
        }
    }

    @Test
    void anInvitationLinkIsReadFromTheFragmentPostedInTheBodyAndDroppedFromTheAddress(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject meeting = Meetings.openNow(alice, "host_and_guest_pins", false);
        String invitationUrl = alice.sendRaw("POST", "/api/v1/meetings/" + meeting.getString("id") + "/invitation-link", null)
                .json().getString("url");
        String token = invitationUrl.substring(invitationUrl.indexOf("#invitation=") + "#invitation=".length());
        List<String> requestedUrls = new CopyOnWriteArrayList<>();
        try (BrowserContext context = context()) {
            Page page = context.newPage();
            page.onRequest(request -> requestedUrls.add(request.url()));
            page.navigate(invitationUrl);
            assertThat(page).hasURL(meeting.getString("joinUrl"));

            Request joinRequest = page.waitForRequest(request -> request.method().equals("POST") && request.url().contains("/api/v1/join/"),
                    () -> join(page, "Invited Iris", Meetings.GUEST_PIN));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are in the meeting"))).isVisible();

            Assertions.assertThat(Json.createReader(new StringReader(joinRequest.postData())).readObject()
                    .getString("invitation")).isEqualTo(token);
            Assertions.assertThat(requestedUrls).isNotEmpty().noneMatch(url -> url.contains(token));
            Assertions.assertThat(server.logText()).doesNotContain(token);
        }
    }
}
