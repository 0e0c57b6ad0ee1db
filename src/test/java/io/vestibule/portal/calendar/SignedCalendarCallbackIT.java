package io.vestibule.portal.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A calendar integration end to end on the built jar: created in the admin API (its secret once), a signed PUT books
 * the organizer's meeting, and replayed, stale, wrongly signed, out-of-domain and revoked calls are refused with their
 * own codes; the secret is in neither the list, the audit log nor the server log.
 */
@ExtendWith(ServerResolver.class)
class SignedCalendarCallbackIT {
    private static final String TAG = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private static final String DOMAIN = "demo.vestibule.local";
    private static final String ORGANIZER = "bob@" + DOMAIN;

    @Test
    void anIntegrationBooksForItsOrganizersWithFreshSignaturesOnlyUntilDeleted(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        PortalClient bob = server.newClient().signIn("bob", server.demoPassword());

        ApiResponse created = dave.post("/integrations", Json.createObjectBuilder().add("name", "Room booking " + TAG)
                .add("organizerDomains", Json.createArrayBuilder().add(DOMAIN.toUpperCase())).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        String secret = created.json().getString("secret");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.json().getJsonArray("organizerDomains").getString(0)).isEqualTo(DOMAIN);
        ApiResponse listed = dave.get("/integrations");
        assertThat(listed.body()).contains(id).doesNotContain(secret);
        assertThat(carol.get("/integrations").status()).as("the Auditor does not manage integrations").isEqualTo(403);
        ApiResponse again = dave.post("/integrations", Json.createObjectBuilder().add("name", "ROOM BOOKING " + TAG.toUpperCase())
                .add("organizerDomains", Json.createArrayBuilder().add(DOMAIN)).build());
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("name_taken");
        assertThat(again.json().getString("message")).isEqualTo("Another integration is called 'ROOM BOOKING " + TAG.toUpperCase() + "'.");
        assertThat(dave.post("/integrations", Json.createObjectBuilder().add("name", " ")
                .add("organizerDomains", Json.createArrayBuilder().add(DOMAIN)).build()).json().getString("reason")).isEqualTo("required");

        String path = "/api/v1/calendar/events/ev-" + TAG;
        String body = event();
        Signed first = new Signed(id, secret, Instant.now(), "PUT", path, ORGANIZER, body);
        ApiResponse booked = send(server, first);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String meetingId = booked.json().getString("meetingId");
        assertThat(bob.get("/api/v1/meetings/" + meetingId).status()).as("the organizer's own meeting").isEqualTo(200);

        assertThat(send(server, first).errorCode()).isEqualTo("callback_replayed");
        ApiResponse stale = send(server, new Signed(id, secret, Instant.now().minus(Duration.ofMinutes(6)), "PUT", path, ORGANIZER, body));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.errorCode()).isEqualTo("callback_stale");
        ApiResponse forged = send(server, new Signed(id, "not-the-secret-" + TAG, Instant.now(), "PUT", path, ORGANIZER, body));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.errorCode()).isEqualTo("callback_signature_invalid");
        assertThat(forged.header("WWW-Authenticate")).startsWith("Vestibule-Signature");
        ApiResponse outside = send(server, new Signed(id, secret, Instant.now(), "PUT", path, "eve@example.org", body));
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.errorCode()).isEqualTo("callback_organizer_not_allowed");
        ApiResponse unknown = send(server, new Signed(id, secret, Instant.now(), "PUT", path, "nobody-" + TAG + "@" + DOMAIN, body));
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.errorCode()).isEqualTo("callback_organizer_unknown");
        ApiResponse elsewhere = send(server, new Signed(id, secret, Instant.now(), "GET", "/api/v1/meetings", ORGANIZER, ""));
        assertThat(elsewhere.errorCode()).as("a signature opens the calendar callbacks only").isEqualTo("unauthenticated");

        ApiResponse moved = send(server, new Signed(id, secret, Instant.now().plusSeconds(1), "PUT", path, ORGANIZER, body));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().getString("meetingId")).isEqualTo(meetingId);

        assertThat(dave.delete("/integrations/" + id).status()).isEqualTo(204);
        assertThat(dave.delete("/integrations/" + id).errorCode()).isEqualTo("not_found");
        ApiResponse revoked = send(server, new Signed(id, secret, Instant.now().plusSeconds(2), "DELETE", path, ORGANIZER, ""));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.errorCode()).isEqualTo("callback_signature_invalid");
        assertThat(dave.get("/integrations").body()).doesNotContain(id);

        assertThat(carol.get("/audit?type=admin.integration.create").body()).contains(id).doesNotContain(secret);
        assertThat(carol.get("/audit?type=admin.integration.delete").body()).contains(id);
        assertThat(server.logText()).doesNotContain(secret).doesNotContain(first.signature());
        assertThat(dave.post("/integrations", Json.createObjectBuilder().add("name", "Wildcard " + TAG)
                .add("organizerDomains", Json.createArrayBuilder().add("*.example.com")).build()).json().getString("reason"))
                .isEqualTo("invalid_domain");
    }

    private static String event() {
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        return Json.createObjectBuilder().add("subject", "Budget review " + TAG).add("start", start.toString())
                .add("end", start.plus(Duration.ofHours(1)).toString()).add("timeZone", "Europe/Madrid").build().toString();
    }

    /** A call signed as docs/admin-guide.md tells a calendar system to sign it. */
    private record Signed(String integration, String secret, Instant at, String method, String path, String organizer, String body) {
        String timestamp() {
            return Long.toString(at.getEpochSecond());
        }

        String signature() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
                String content = timestamp() + "\n" + method + "\n" + path + "\n" + organizer + "\n" + body;
                return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static ApiResponse send(VestibuleServer server, Signed call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body().getBytes(StandardCharsets.UTF_8)))
                .header("Vestibule-Integration", call.integration())
                .header("Vestibule-Timestamp", call.timestamp())
                .header("Vestibule-Organizer", call.organizer())
                .header("Vestibule-Signature", call.signature());
        if (!call.body().isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = server.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
