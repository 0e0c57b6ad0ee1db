package io.vestibule.media.signaling;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.CapturedSdp;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.SocketProbe;
import io.vestibule.testing.VestibuleServer;

import static io.vestibule.testing.Meetings.GUEST_PIN;
import static io.vestibule.testing.Meetings.HOST_PIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media negotiation over the conference WebSocket (API.md "Media signaling"): every offer passes the SDP policy and is
 * answered by the media gateway; nothing passes between participants.
 */
@ExtendWith(ServerResolver.class)
class MediaNegotiationIT {
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private VestibuleServer server;
    private PortalClient alice;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
        this.alice = server.newClient().signIn("alice", server.demoPassword());
    }

    /** R-RTC-3: before the gateway, pages negotiated with each other directly, and their media went around the server. */
    @Test
    void offersAnswersAndCandidatesToAnotherParticipantAreRefusedAndThePeerHearsNothing() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        JsonObject guest = join(alias, "Guest", GUEST_PIN);
        try (SocketProbe hostSocket = ready(host); SocketProbe guestSocket = ready(guest)) {
            hostSocket.send(sdp("offer", guest, CapturedSdp.CHROMIUM_OFFER.text()));
            assertThat(hostSocket.next("error").getString("error")).isEqualTo("unknown_peer");
            hostSocket.send(sdp("answer", guest, CapturedSdp.CHROMIUM_ANSWER.text()));
            assertThat(hostSocket.next("error").getString("error")).isEqualTo("unknown_peer");
            hostSocket.send(message("candidate", guest).add("candidate", Json.createObjectBuilder()
                    .add("candidate", "candidate:1 1 udp 2122260223 192.0.2.2 34287 typ host generation 0")
                    .add("sdpMid", "0").add("sdpMLineIndex", 0)).build().toString());
            JsonObject refused = hostSocket.next("error");
            assertThat(refused.getString("error")).isEqualTo("unknown_peer");
            assertThat(refused.getString("reason")).contains("gateway");

            assertHeardNothing(guestSocket, "the guest heard nothing of the host's messages");
        }
    }

    @Test
    void whenSomeoneSendsMediaTheGatewayAsksTheOthersToOfferAgainAndAnswersWithTheirTracks() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        JsonObject guest = join(alias, "Guest", GUEST_PIN);
        try (SocketProbe hostSocket = ready(host); SocketProbe guestSocket = ready(guest)) {
            hostSocket.send(message("offer", "gateway").add("sdp", CapturedSdp.CHROMIUM_OFFER.text()).build().toString());
            assertThat(hostSocket.next("answer").getString("sdp")).as("nobody else sends yet").doesNotContain("a=sendonly");

            String guestOffer = CapturedSdp.CHROMIUM_OFFER.text().replace("2290615249", "3290615249").replace("2609059575", "3609059575")
                    .replace("1847694018", "2847694018");
            guestSocket.send(message("offer", "gateway").add("sdp", guestOffer).build().toString());
            guestSocket.next("answer");
            JsonObject receive = guestSocket.next("renegotiate").getJsonObject("receive");
            assertThat(receive.getInt("audio")).as("the host's audio").isEqualTo(1);
            assertThat(receive.getInt("video")).as("the host's video").isEqualTo(1);
            JsonObject hostReceives = hostSocket.next("renegotiate").getJsonObject("receive");
            assertThat(hostReceives.getInt("audio")).isEqualTo(1);
            assertThat(hostReceives.getInt("video")).isEqualTo(1);

            String claimingTheHostsSources = CapturedSdp.CHROMIUM_OFFER.text();
            guestSocket.send(message("offer", "gateway").add("sdp", claimingTheHostsSources).build().toString());
            JsonObject error = guestSocket.next("error");
            assertThat(error.getString("error")).isEqualTo("sdp_policy");
            assertThat(error.getString("rule")).as("no one may send as another").isEqualTo("sources");
        }
    }

    @Test
    void aPageThatTampersItsOfferToPlainRtpIsRefusedByRuleAndGetsNoAnswer() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        try (SocketProbe hostSocket = ready(host)) {
            String plain = CapturedSdp.FIREFOX_OFFER.text().replace("UDP/TLS/RTP/SAVPF", "RTP/AVP");
            hostSocket.send(message("offer", "gateway").add("sdp", plain).build().toString());
            JsonObject error = hostSocket.next("error");
            assertThat(error.getString("error")).isEqualTo("sdp_policy");
            assertThat(error.getString("rule")).isEqualTo("transport");
            assertThat(error.getString("reason")).contains("RTP/AVP");

            hostSocket.send(message("offer", "gateway").add("sdp", CapturedSdp.FIREFOX_OFFER.text()).build().toString());
            assertThat(hostSocket.next("answer").getString("sdp")).as("Firefox's numbering of Opus and VP8").contains("a=rtpmap:109 opus/48000/2")
                    .contains("a=rtpmap:120 VP8/90000");
        }
    }

    @Test
    void nothingCrossesConferencesAndTheGatewayAnswersOffersMadeToIt() {
        JsonObject a = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host A", HOST_PIN);
        JsonObject b = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host B", HOST_PIN);
        try (SocketProbe socketA = ready(a); SocketProbe socketB = ready(b)) {
            socketB.send(sdp("offer", a, CapturedSdp.CHROMIUM_OFFER.text()));
            assertThat(socketB.next("error").getString("error")).isEqualTo("unknown_peer");

            socketB.send(message("offer", "gateway").add("sdp", CapturedSdp.CHROMIUM_OFFER.text()).build().toString());
            JsonObject answer = socketB.next("answer");
            assertThat(answer.getString("from")).isEqualTo("gateway");
            assertThat(answer.getString("sdp")).contains("a=setup:passive").contains("a=fingerprint:sha-256 ")
                    .contains(" 127.0.0.1 " + server.setting("VESTIBULE_MEDIA_PORT") + " typ host").doesNotContain("extmap");
            socketB.send(message("answer", "gateway").add("sdp", CapturedSdp.CHROMIUM_ANSWER.text()).build().toString());
            assertThat(socketB.next("error").getString("error")).as("the gateway makes no offers").isEqualTo("bad_message");

            assertHeardNothing(socketA, "A heard nothing of B's offers");
        }
    }

    @Test
    void waitingParticipantsAndMalformedMessagesNegotiateNothing() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", true));
        JsonObject waiting = join(alias, "Early", GUEST_PIN);
        JsonObject other = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host", HOST_PIN);
        try (SocketProbe lobby = SocketProbe.open(server, waiting.getString("conferenceId"))) {
            lobby.authenticate(waiting.getString("token")).next("waiting");
            lobby.send(sdp("offer", waiting, CapturedSdp.CHROMIUM_OFFER.text()));
            assertThat(lobby.next("error").getString("error")).isEqualTo("bad_message");
        }
        JsonObject host = join(alias, "Host", HOST_PIN);
        try (SocketProbe socket = ready(host)) {
            for (String bad : new String[] {
                message("offer", waiting).build().toString(),
                message("offer", waiting).add("sdp", 42).build().toString(),
                message("candidate", waiting).add("candidate", "candidate:1").build().toString(),
                message("candidate", waiting).add("candidate", Json.createObjectBuilder().add("candidate", "a=crypto:1")).build().toString(),
                message("candidate", waiting).add("candidate", Json.createObjectBuilder().add("candidate", "candidate:1\r\na=x")).build().toString(),
                message("candidate", waiting).add("candidate", Json.createObjectBuilder().add("candidate", "")
                        .add("sdpMLineIndex", -1)).build().toString(),
                Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0").build().toString()
            }) {
                assertThat(socket.send(bad).next("error").getString("error")).as(bad).isEqualTo("bad_message");
            }
            socket.send(sdp("offer", other, CapturedSdp.CHROMIUM_OFFER.text()));
            assertThat(socket.next("error").getString("error")).isEqualTo("unknown_peer");
        }
    }

    /** A ping is answered before anything else arrives: nothing was sent to this socket (beside roster news). */
    private static void assertHeardNothing(SocketProbe socket, String description) {
        socket.send("{\"type\":\"ping\"}");
        assertThat(socket.next(message -> !message.getString("type").equals("joined"), "first message after ready")
                .getString("type")).as(description).isEqualTo("pong");
    }

    private SocketProbe ready(JsonObject participant) {
        SocketProbe socket = SocketProbe.open(server, participant.getString("conferenceId"));
        socket.authenticate(participant.getString("token")).next("ready");
        return socket;
    }

    private JsonObject join(String alias, String name, String pin) {
        int n = NEXT_ADDRESS.getAndIncrement();
        return Meetings.join(server, "198.19." + (n / 250) + "." + (n % 250 + 1), alias, name, pin);
    }

    private static String sdp(String type, JsonObject to, String sdp) {
        return message(type, to).add("sdp", sdp).build().toString();
    }

    private static JsonObjectBuilder message(String type, JsonObject to) {
        return message(type, to.getString("participantId"));
    }

    private static JsonObjectBuilder message(String type, String to) {
        return Json.createObjectBuilder().add("type", type).add("to", to);
    }
}
