package io.vestibule.media.signaling;

import java.util.Set;
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

/** Offers, answers and candidates over the conference WebSocket (API.md "Media signaling"), after the SDP policy. */
@ExtendWith(ServerResolver.class)
class SignalingRelayIT {
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final Set<String> MEDIA_TYPES = Set.of("offer", "answer", "candidate");

    private VestibuleServer server;
    private PortalClient alice;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
        this.alice = server.newClient().signIn("alice", server.demoPassword());
    }

    @Test
    void offersAnswersAndCandidatesPassBetweenParticipantsOfOneConference() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        JsonObject guest = join(alias, "Guest", GUEST_PIN);
        try (SocketProbe hostSocket = ready(host); SocketProbe guestSocket = ready(guest)) {
            String offer = CapturedSdp.CHROMIUM_OFFER.text();
            hostSocket.send(sdp("offer", guest, offer));
            JsonObject relayedOffer = guestSocket.next("offer");
            assertThat(relayedOffer.getString("from")).isEqualTo(host.getString("participantId"));
            assertThat(relayedOffer.getString("sdp")).isEqualTo(offer);
            assertThat(relayedOffer.containsKey("to")).isFalse();

            guestSocket.send(sdp("answer", host, CapturedSdp.CHROMIUM_ANSWER.text()));
            assertThat(hostSocket.next("answer").getString("from")).isEqualTo(guest.getString("participantId"));

            hostSocket.send(message("candidate", guest).add("candidate", Json.createObjectBuilder()
                    .add("candidate", "candidate:1 1 udp 2122260223 192.0.2.2 34287 typ host generation 0")
                    .add("sdpMid", "0").add("sdpMLineIndex", 0).add("injected", "<script>")).build().toString());
            JsonObject candidate = guestSocket.next("candidate").getJsonObject("candidate");
            assertThat(candidate.getString("candidate")).startsWith("candidate:1 1 udp");
            assertThat(candidate.getString("sdpMid")).isEqualTo("0");
            assertThat(candidate.getInt("sdpMLineIndex")).isZero();
            assertThat(candidate.keySet()).containsExactlyInAnyOrder("candidate", "sdpMid", "sdpMLineIndex");
        }
    }

    @Test
    void aPageThatTampersItsOfferToPlainRtpIsRefusedByRuleAndThePeerHearsNothingOfIt() {
        String alias = Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false));
        JsonObject host = join(alias, "Host", HOST_PIN);
        JsonObject guest = join(alias, "Guest", GUEST_PIN);
        try (SocketProbe hostSocket = ready(host); SocketProbe guestSocket = ready(guest)) {
            String plain = CapturedSdp.FIREFOX_OFFER.text().replace("UDP/TLS/RTP/SAVPF", "RTP/AVP");
            hostSocket.send(sdp("offer", guest, plain));
            JsonObject error = hostSocket.next("error");
            assertThat(error.getString("error")).isEqualTo("sdp_policy");
            assertThat(error.getString("rule")).isEqualTo("transport");
            assertThat(error.getString("reason")).contains("RTP/AVP");

            hostSocket.send(sdp("offer", guest, CapturedSdp.FIREFOX_OFFER.text()));
            JsonObject first = guestSocket.next(message -> MEDIA_TYPES.contains(message.getString("type")), "media message");
            assertThat(first.getString("sdp")).as("the refused offer never arrives").contains("UDP/TLS/RTP/SAVPF");
        }
    }

    @Test
    void nothingCrossesConferencesAndNobodyAnswersForTheGatewayYet() {
        JsonObject a = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host A", HOST_PIN);
        JsonObject b = join(Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)), "Host B", HOST_PIN);
        try (SocketProbe socketA = ready(a); SocketProbe socketB = ready(b)) {
            socketB.send(sdp("offer", a, CapturedSdp.CHROMIUM_OFFER.text()));
            assertThat(socketB.next("error").getString("error")).isEqualTo("unknown_peer");

            socketB.send(message("offer", "gateway").add("sdp", CapturedSdp.CHROMIUM_OFFER.text()).build().toString());
            assertThat(socketB.next("error").getString("error")).isEqualTo("unknown_peer");

            socketB.send(sdp("offer", b, CapturedSdp.CHROMIUM_OFFER.text()));
            assertThat(socketB.next("error").getString("error")).as("nobody negotiates with themselves").isEqualTo("unknown_peer");

            socketA.send("{\"type\":\"ping\"}");
            assertThat(socketA.next(message -> !message.getString("type").equals("joined"), "first message after ready")
                    .getString("type")).as("A heard nothing of B's offers").isEqualTo("pong");
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
