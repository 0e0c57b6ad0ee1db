package io.vestibule.portal.calendar;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.SsoParts;
import io.vestibule.testing.SsoResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar callback API as the Outlook add-in calls it (R-CAL-2, R-SSO-3): Keycloak access tokens of the add-in
 * client, the shared SSO Keycloak and Vestibule. Joins are sent as guests with the guest PIN the answer gives, from
 * documentation addresses through the trusted proxy header.
 */
@ExtendWith(SsoResolver.class)
class CalendarEventIT {
    private static final String EVENTS = "/api/v1/calendar/events/";

    private SsoParts sso;
    private VestibuleServer portal;
    private String alicesToken;
    private PortalClient alice;

    @BeforeEach
    void parts(SsoParts sso) {
        this.sso = sso;
        this.portal = sso.portal();
        this.alicesToken = sso.addInTokens("alice").accessToken();
        this.alice = portal.newClient().withBearer(alicesToken);
    }

    @Test
    void theSameKeyTwiceIsOneMeetingAndNoAnswerHoldsTheHostPin() {
        String key = newKey();
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

        ApiResponse first = alice.put(EVENTS + key, event("Quarterly review", start, start.plus(Duration.ofHours(1))).build());
        ApiResponse again = alice.put(EVENTS + key, event("Quarterly review", start, start.plus(Duration.ofHours(1))).build());

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        JsonObject meeting = first.json();
        assertThat(again.json().getString("meetingId")).isEqualTo(meeting.getString("meetingId"));
        assertThat(meeting.getString("joinUrl")).isEqualTo(portal.baseUri() + "join/" + meeting.getString("alias"));
        assertThat(meeting.getString("guestPin")).matches("[0-9]{4,}");
        assertThat(meeting.getString("numericAlias")).matches("[0-9]+");
        assertThat(meeting.getString("joinBlockHtml")).contains(meeting.getString("joinUrl"), meeting.getString("guestPin"));
        assertThat(meeting.getString("joinBlockText")).contains(meeting.getString("joinUrl"), meeting.getString("guestPin"));
        JsonObject booked = alice.get("/api/v1/meetings/" + meeting.getString("meetingId")).json();
        assertThat(booked.getString("title")).isEqualTo("Quarterly review");
        assertThat(booked.getInt("sequence")).as("an unchanged event changes nothing").isZero();
        String hostPin = booked.getJsonObject("room").getString("hostPin");
        assertThat(first.body()).doesNotContain(hostPin).doesNotContain("hostPin");
        assertThat(again.body()).doesNotContain(hostPin).doesNotContain("hostPin");
    }

    @Test
    void newTimesMoveTheAdmissionWindowAndTheRecurrenceFollows() {
        String key = newKey();
        Instant later = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        JsonObject meeting = alice.put(EVENTS + key, event("Planning", later, later.plus(Duration.ofHours(1))).build()).json();
        ApiResponse early = join(meeting, "203.0.113.61");
        assertThat(early.status()).as(early.toString()).isEqualTo(403);
        assertThat(early.errorCode()).isEqualTo("outside_window");

        Instant now = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        ApiResponse moved = alice.put(EVENTS + key, event("Planning", now, now.plus(Duration.ofHours(1)))
                .add("recurrence", "FREQ=WEEKLY;COUNT=3").build());

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().getString("meetingId")).isEqualTo(meeting.getString("meetingId"));
        ApiResponse admitted = join(meeting, "203.0.113.62");
        assertThat(admitted.status()).as(admitted.toString()).isIn(200, 202);
        JsonObject booked = alice.get("/api/v1/meetings/" + meeting.getString("meetingId")).json();
        assertThat(OffsetDateTime.parse(booked.getString("start")).toInstant()).isEqualTo(now);
        assertThat(booked.getString("recurrence")).isEqualTo("FREQ=WEEKLY;COUNT=3");

        alice.put(EVENTS + key, event("Planning", now, now.plus(Duration.ofHours(1))).build());
        assertThat(alice.get("/api/v1/meetings/" + meeting.getString("meetingId")).json().isNull("recurrence"))
                .as("an event sent without a recurrence no longer repeats").isTrue();
    }

    @Test
    void deleteClosesTheRoomAndTheKeyThenBooksANewRoom() {
        String key = newKey();
        JsonObject meeting = alice.put(EVENTS + key, openNow("Stand-up").build()).json();
        assertThat(join(meeting, "203.0.113.63").status()).isIn(200, 202);

        ApiResponse deleted = alice.delete(EVENTS + key);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        ApiResponse refused = join(meeting, "203.0.113.64");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.errorCode()).isEqualTo("not_found");
        assertThat(alice.get("/api/v1/meetings/" + meeting.getString("meetingId")).json().getString("status")).isEqualTo("cancelled");
        assertThat(alice.delete(EVENTS + key).status()).as("deleting again changes nothing").isEqualTo(204);

        ApiResponse again = alice.put(EVENTS + key, openNow("Stand-up").build());
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().getString("meetingId")).isNotEqualTo(meeting.getString("meetingId"));
        assertThat(again.json().getString("alias")).isNotEqualTo(meeting.getString("alias"));
        assertThat(join(meeting, "203.0.113.65").status()).as("the cancelled room stays closed").isEqualTo(404);
    }

    @Test
    void anotherOrganizersSameKeyIsAnotherMeetingAndCannotTouchTheFirst() {
        String key = newKey();
        PortalClient bob = portal.newClient().withBearer(sso.addInTokens("bob").accessToken());
        JsonObject alices = alice.put(EVENTS + key, openNow("Alice's").build()).json();

        ApiResponse bobs = bob.put(EVENTS + key, openNow("Bob's").build());
        assertThat(bobs.status()).as(bobs.toString()).isEqualTo(201);
        assertThat(bobs.json().getString("meetingId")).isNotEqualTo(alices.getString("meetingId"));
        assertThat(bob.delete(EVENTS + key).status()).isEqualTo(204);
        ApiResponse notBobs = bob.delete(EVENTS + newKey());
        assertThat(notBobs.status()).as(notBobs.toString()).isEqualTo(404);
        assertThat(notBobs.errorCode()).isEqualTo("not_found");
        assertThat(bob.get("/api/v1/meetings/" + alices.getString("meetingId")).status()).isEqualTo(404);

        JsonObject alicesNow = alice.get("/api/v1/meetings/" + alices.getString("meetingId")).json();
        assertThat(alicesNow.getString("status")).isEqualTo("scheduled");
        assertThat(alicesNow.getString("title")).isEqualTo("Alice's");
        assertThat(join(alices, "203.0.113.66").status()).isIn(200, 202);
    }

    @Test
    void twoFirstCallsAtOnceMakeOneMeeting() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                String key = newKey();
                String body = openNow("Raced").build().toString();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ApiResponse>> answers = new ArrayList<>();
                for (int caller = 0; caller < 4; caller++) {
                    PortalClient client = portal.newClientOnOwnConnection().withBearer(alicesToken);
                    answers.add(threads.submit(() -> {
                        go.await();
                        return client.sendWithoutCsrf("PUT", EVENTS + key, body);
                    }));
                }
                go.countDown();
                List<ApiResponse> responses = new ArrayList<>();
                for (Future<ApiResponse> answer : answers) {
                    responses.add(answer.get(60, TimeUnit.SECONDS));
                }
                assertThat(responses).as(responses.toString()).allMatch(response -> response.status() == 200 || response.status() == 201);
                assertThat(responses.stream().filter(response -> response.status() == 201)).as(responses.toString()).hasSize(1);
                assertThat(responses.stream().map(response -> response.json().getString("meetingId")).distinct()).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTokenWithoutTheApiScopeIsForbiddenAndNoTokenIsUnauthenticated() throws Exception {
        JWTClaimsSet genuine = SignedJWT.parse(alicesToken).getJWTClaimsSet();
        String unscoped = sign(new JWTClaimsSet.Builder(genuine).claim("scope", "openid email profile").build(), sso.publishedTestKey());

        ApiResponse forbidden = portal.newClient().withBearer(unscoped).put(EVENTS + newKey(), openNow("x").build());
        assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        assertThat(forbidden.errorCode()).isEqualTo("insufficient_scope");
        ApiResponse anonymous = portal.newClient().sendWithoutCsrf("PUT", EVENTS + newKey(), openNow("x").build().toString());
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void badTimesZonesAndKeysAreRefusedNamingTheField() {
        Instant start = Instant.now().plus(Duration.ofDays(1));
        assertRefused(alice.put(EVENTS + newKey(), event("x", start, start.minus(Duration.ofHours(1))).build()), "end");
        assertRefused(alice.put(EVENTS + newKey(), event("x", start, start.plus(Duration.ofHours(1))).add("start", "tomorrow at ten").build()), "start");
        assertRefused(alice.put(EVENTS + newKey(), event("x", start, start.plus(Duration.ofHours(1))).add("timeZone", "Mars/Olympus").build()), "timeZone");
        assertRefused(alice.put(EVENTS + newKey(), event("x", start, start.plus(Duration.ofHours(1))).add("recurrence", "FREQ=HOURLY").build()), "recurrence");
        assertRefused(alice.put(EVENTS + "k".repeat(1025), openNow("x").build()), "key");
        assertRefused(alice.put(EVENTS + "a%20b", openNow("x").build()), "key");
        assertRefused(alice.put(EVENTS + newKey(), event("s".repeat(256), start, start.plus(Duration.ofHours(1))).build()), "subject");
    }

    @Test
    void aOneMegabyteSubjectIsRefusedNamingTheSubjectWhetherItsLengthIsDeclaredOrNot() throws Exception {
        String body = openNow("m".repeat(1024 * 1024)).build().toString();

        assertRefused(alice.put(EVENTS + newKey(), Json.createReader(new StringReader(body)).readObject()), "subject");
        byte[] bytes = body.getBytes();
        HttpResponse<String> streamed = portal.http().send(HttpRequest.newBuilder(URI.create(portal.baseUri() + EVENTS.substring(1) + newKey()))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + alicesToken)
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(400);
        JsonObject refusal = Json.createReader(new StringReader(streamed.body())).readObject();
        assertThat(refusal.getString("field")).isEqualTo("subject");
        assertThat(refusal.getString("reason")).isEqualTo("too_large");
    }

    private ApiResponse join(JsonObject meeting, String source) {
        return portal.newClient().from(source).sendWithoutCsrf("POST", "/api/v1/join/" + meeting.getString("alias"),
                Json.createObjectBuilder().add("displayName", "Guest").add("pin", meeting.getString("guestPin")).build().toString());
    }

    private static void assertRefused(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_request");
        assertThat(response.json().getString("field")).as(response.toString()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    private static JsonObjectBuilder openNow(String subject) {
        Instant start = Instant.now().minus(Duration.ofMinutes(5));
        return event(subject, start, start.plus(Duration.ofHours(1)));
    }

    private static JsonObjectBuilder event(String subject, Instant start, Instant end) {
        return Json.createObjectBuilder()
                .add("subject", subject)
                .add("start", start.atOffset(ZoneOffset.UTC).toString())
                .add("end", end.atOffset(ZoneOffset.UTC).toString())
                .add("timeZone", "Europe/Madrid");
    }

    /** An Outlook item id in REST form looks much like this: URL-safe Base64 of some 150 characters. */
    private static String newKey() {
        return "AAMkAGI2" + UUID.randomUUID().toString().replace("-", "") + "-AAA_" + UUID.randomUUID();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
