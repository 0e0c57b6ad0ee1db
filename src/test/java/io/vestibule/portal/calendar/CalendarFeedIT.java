package io.vestibule.portal.calendar;

import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar subscription feed from the outside: made, fetched without a session, replaced and revoked. */
@ExtendWith(ServerResolver.class)
class CalendarFeedIT {
    private static final String FEED = "/api/v1/calendar/feed";

    private VestibuleServer server;
    private PortalClient alice;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
        this.alice = server.newClient().signIn("alice", server.demoPassword());
    }

    private static JsonObject subscribe(PortalClient user) {
        ApiResponse made = user.sendRaw("POST", FEED, null);
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        return made.json();
    }

    /** The feed fetched as a calendar service would: no session, no cookie. */
    private ApiResponse fetch(String httpsUrl) {
        return server.newClient().get(URI.create(httpsUrl).getRawPath());
    }

    private static Map<String, VEvent> eventsByTitle(ApiResponse feed) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        return events.stream().collect(Collectors.toMap(event -> value(event, Property.SUMMARY), Function.identity(), (a, b) -> a));
    }

    private static String value(Component component, String property) {
        return component.<Property>getProperty(property).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + property));
    }

    private static JsonObject book(PortalClient owner, String roomType) {
        return Meetings.book(owner, roomType, false, Instant.now().plus(Duration.ofDays(2)), Duration.ofHours(1));
    }

    @Test
    void theFeedHoldsTheUsersMeetingsWithTheirJoinLinksAndNoPin() throws Exception {
        JsonObject review = book(alice, "host_and_guest_pins");
        JsonObject standUp = book(alice, "host_pin_only");

        JsonObject issued = subscribe(alice);
        ApiResponse feed = fetch(issued.getString("httpsUrl"));

        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        assertThat(feed.header("content-type")).startsWith("text/calendar");
        assertThat(feed.header("cache-control")).isEqualTo("no-store");
        assertThat(feed.header("referrer-policy")).isEqualTo("same-origin");
        Map<String, VEvent> events = eventsByTitle(feed);
        for (JsonObject meeting : List.of(review, standUp)) {
            VEvent event = events.get(meeting.getString("title"));
            assertThat(event).as(meeting.getString("title")).isNotNull();
            assertThat(value(event, Property.URL)).isEqualTo(meeting.getString("joinUrl"));
            assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
            assertThat(value(event, Property.DESCRIPTION)).contains(Meetings.alias(meeting));
            JsonObject room = meeting.getJsonObject("room");
            assertThat(feed.body()).doesNotContain(room.getString("hostPin"));
            if (!room.isNull("guestPin")) {
                assertThat(feed.body()).doesNotContain(room.getString("guestPin"));
            }
        }
        assertThat(feed.body()).doesNotContain(Meetings.HOST_PIN, Meetings.GUEST_PIN);
    }

    @Test
    void theLinkIsWebcalAndIsShownOnlyWhenMade() {
        JsonObject issued = subscribe(alice);
        String https = issued.getString("httpsUrl");

        assertThat(https).startsWith(server.baseUri().resolve(FEED + "/").toString()).endsWith(".ics");
        assertThat(issued.getString("url")).isEqualTo("webcal" + https.substring("https".length()));
        String token = https.substring(https.lastIndexOf('/') + 1, https.length() - ".ics".length());
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        ApiResponse status = alice.get(FEED);
        assertThat(status.json().getBoolean("subscribed")).isTrue();
        assertThat(status.json().getString("created")).isEqualTo(issued.getString("created"));
        assertThat(status.body()).doesNotContain(token);
        assertThat(fetch(https).status()).isEqualTo(200);
        assertThat(server.logText()).as("the capability never reaches the log").doesNotContain(token);
    }

    @Test
    void anotherUsersFeedShowsOnlyTheirMeetings() throws Exception {
        PortalClient bob = server.newClient().signIn("bob", server.demoPassword());
        JsonObject alices = book(alice, "host_pin_only");
        JsonObject bobs = book(bob, "host_pin_only");

        Map<String, VEvent> bobsFeed = eventsByTitle(fetch(subscribe(bob).getString("httpsUrl")));
        Map<String, VEvent> alicesFeed = eventsByTitle(fetch(subscribe(alice).getString("httpsUrl")));

        assertThat(bobsFeed).containsKey(bobs.getString("title")).doesNotContainKey(alices.getString("title"));
        assertThat(alicesFeed).containsKey(alices.getString("title")).doesNotContainKey(bobs.getString("title"));
    }

    @Test
    void aRevokedFeedIsNotFound() {
        String https = subscribe(alice).getString("httpsUrl");

        ApiResponse revoked = alice.delete(FEED);

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        ApiResponse after = fetch(https);
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.errorCode()).isEqualTo("not_found");
        assertThat(alice.get(FEED).json().getBoolean("subscribed")).isFalse();
    }

    @Test
    void replacingTheFeedRetiresTheOldAddress() {
        String old = subscribe(alice).getString("httpsUrl");

        String replaced = subscribe(alice).getString("httpsUrl");

        assertThat(replaced).isNotEqualTo(old);
        assertThat(fetch(old).status()).isEqualTo(404);
        assertThat(fetch(replaced).status()).isEqualTo(200);
    }

    @Test
    void unknownAndMalformedTokensGetTheSameNotFound() {
        ApiResponse unknown = server.newClient().get(FEED + "/" + "A".repeat(43) + ".ics");
        ApiResponse malformed = server.newClient().get(FEED + "/not-a-token.ics");
        ApiResponse tooLong = server.newClient().get(FEED + "/" + "A".repeat(2000) + ".ics");

        for (ApiResponse answer : List.of(unknown, malformed, tooLong)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("not_found");
            assertThat(answer.body()).isEqualTo(unknown.body());
        }
    }

    @Test
    void anAddressTryingUnknownTokensIsBlockedEvenForAWorkingOne() {
        String working = URI.create(subscribe(alice).getString("httpsUrl")).getRawPath();
        PortalClient scanner = server.newClient().from("198.51.100.231");
        for (int i = 1; i <= 20; i++) {
            ApiResponse guess = scanner.get(FEED + "/" + String.format("%043d", i).replace('0', 'B') + ".ics");
            assertThat(guess.status()).as("guess %d: %s", i, guess).isEqualTo(404);
        }
        assertThat(scanner.get(working).status()).as("working tokens count nothing").isEqualTo(200);

        ApiResponse blocked = scanner.get(FEED + "/" + "C".repeat(43) + ".ics");
        ApiResponse workingAfter = scanner.get(working);

        assertThat(blocked.status()).isEqualTo(404);
        assertThat(workingAfter.status()).as(workingAfter.toString()).isEqualTo(429);
        assertThat(workingAfter.errorCode()).isEqualTo("blocked");
        assertThat(workingAfter.header("retry-after")).isNotBlank();
        assertThat(server.newClient().from("198.51.100.232").get(working).status()).as("another address").isEqualTo(200);
    }

    @Test
    void managingTheFeedNeedsASignedInUserAndTheCsrfToken() {
        PortalClient stranger = server.newClient();

        assertThat(stranger.sendRaw("POST", FEED, null).status()).isEqualTo(401);
        assertThat(stranger.get(FEED).status()).isEqualTo(401);
        assertThat(alice.sendWithoutCsrf("POST", FEED, null).errorCode()).isEqualTo("csrf");
        assertThat(alice.sendWithoutCsrf("DELETE", FEED, null).errorCode()).isEqualTo("csrf");
    }
}
