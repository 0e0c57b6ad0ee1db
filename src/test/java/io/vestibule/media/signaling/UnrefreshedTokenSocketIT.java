package io.vestibule.media.signaling;

import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.OnSeveralSettings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.SocketProbe;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-RTC-1 with the shortest join tokens (30 s, no clock skew allowed; on {@link OnSeveralSettings}'s service): a
 * participant who stops refreshing is gone when the token lapses, and their socket closes then, not before.
 */
@ExtendWith(ServerResolver.class)
class UnrefreshedTokenSocketIT {
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(30);
    private static VestibuleServer server;

    @BeforeAll
    static void server(@OnSeveralSettings VestibuleServer withShortTokens) {
        assertThat(withShortTokens.setting("VESTIBULE_JOIN_TOKEN_LIFETIME_SECONDS")).isEqualTo(Long.toString(TOKEN_LIFETIME.toSeconds()));
        assertThat(withShortTokens.setting("VESTIBULE_JOIN_CLOCK_SKEW_SECONDS")).isEqualTo("0");
        server = withShortTokens;
    }

    @Test
    void theSocketClosesWhenTheJoinTokenLapsesUnrefreshed() {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        long joinedAt = System.nanoTime();
        ApiResponse joined = server.newClient().sendWithoutCsrf("POST", "/api/v1/join/" + alias,
                Json.createObjectBuilder().add("displayName", "Forgetful").add("pin", Meetings.HOST_PIN).build().toString());
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        JsonObject host = joined.json();
        assertThat(host.getInt("expires")).isBetween((int) TOKEN_LIFETIME.toSeconds() - 2, (int) TOKEN_LIFETIME.toSeconds());

        try (SocketProbe socket = SocketProbe.open(server, host.getString("conferenceId"))) {
            socket.authenticate(host.getString("token")).next("ready");
            assertThat(socket.send("{\"type\":\"ping\"}").next("pong")).isNotNull();

            socket.awaitClosed(TOKEN_LIFETIME.plusSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - joinedAt)).isGreaterThanOrEqualTo(TOKEN_LIFETIME);
        }
        ApiResponse refresh = server.newClientOnOwnConnection().withBearer(host.getString("token")).sendWithoutCsrf("POST", "/api/v1/join/refresh", null);
        assertThat(refresh.status()).as("the lapsed token buys nothing").isEqualTo(401);
    }
}
