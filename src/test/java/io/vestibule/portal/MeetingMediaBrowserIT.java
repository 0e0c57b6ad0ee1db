package io.vestibule.portal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.media.gateway.packet.PacketClassifier;
import io.vestibule.media.gateway.packet.PacketKind;
import io.vestibule.media.gateway.packet.RtpHeader;
import io.vestibule.testing.CallRecordsProbe;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.LoopbackCapture;
import io.vestibule.testing.MeetingPages;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.vestibule.testing.MeetingPages.awaitDecodingVideos;
import static io.vestibule.testing.MeetingPages.enter;
import static io.vestibule.testing.MeetingPages.tile;

/**
 * Camera and microphone in Chromium (fake devices), through the media gateway: participants of one meeting decode
 * each other's video, carried over DTLS-SRTP to the gateway and from it, negotiated through the policy-checked
 * signaling; other meetings receive nothing; removal cuts the media; a page that tampers its offer is refused with
 * the policy's message (R-RTC-1, R-RTC-2, R-RTC-3, R-RTC-4).
 */
@ExtendWith(ServerResolver.class)
class MeetingMediaBrowserIT {
    /**
     * A hostile page that ignores its removal: its connection is never closed and its camera and microphone never
     * stopped, so it goes on sending to the gateway.
     */
    private static final String IGNORE_REMOVAL = """
            () => {
              window.__peerConnections.forEach((pc) => { pc.close = () => {}; });
              MediaStreamTrack.prototype.stop = function () {};
            }
            """;
    /** A page that rewrites its own offers to plain RTP before they leave (a tampered or hostile client). */
    private static final String TAMPER_OFFERS = """
            const originalSend = WebSocket.prototype.send;
            WebSocket.prototype.send = function (data) {
              const message = JSON.parse(data);
              if (message.type === 'offer') message.sdp = message.sdp.replaceAll('UDP/TLS/RTP/SAVPF', 'RTP/AVP');
              return originalSend.call(this, JSON.stringify(message));
            };
            """;

    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    @Test
    void threeParticipantsSeeEachOtherThroughTheGatewayAnotherMeetingReceivesNothingAndRemovalCutsTheMedia(VestibuleServer server)
            throws Exception {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        JsonObject opened = Meetings.openNow(alice, "host_and_guest_pins", false);
        String roomId = opened.getJsonObject("room").getString("id");
        String meeting = joinUrl(server, Meetings.alias(opened));
        String elsewhere = joinUrl(server, Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)));
        try (BrowserContext hostContext = context(); BrowserContext guestContext = context(); BrowserContext thirdContext = context();
             BrowserContext otherContext = context()) {
            Page host = hostContext.newPage();
            host.navigate(meeting);
            host.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check camera and microphone")).click();
            assertThat(host.locator("#preview figcaption")).hasText("Your camera, as others will see it");
            host.waitForFunction("() => document.querySelector('#preview video').videoWidth > 0");
            enter(host, "Hugo Host", Meetings.HOST_PIN);
            assertThat(host.locator("#preview")).isHidden();

            Page guest = open(guestContext, meeting, "Gabriela Guest", Meetings.GUEST_PIN);
            Page third = open(thirdContext, meeting, "Tomás Third", Meetings.GUEST_PIN);
            Page other = open(otherContext, elsewhere, "Olga Other", Meetings.HOST_PIN);

            awaitDecodingVideos(host, 2);
            awaitDecodingVideos(guest, 2);
            awaitDecodingVideos(third, 2);
            assertThat(tile(host, "Gabriela Guest")).hasClass(Pattern.compile("\\bhas-video\\b"));
            assertThat(tile(host, "Tomás Third")).hasClass(Pattern.compile("\\bhas-video\\b"));
            assertThat(tile(host, "Gabriela Guest").locator("video")).isVisible();
            assertThat(tile(host, "Tomás Third").locator("video")).isVisible();
            assertThat(tile(guest, "Hugo Host").locator("video")).isVisible();
            assertThat(tile(third, "Gabriela Guest").locator("video")).isVisible();
            for (Page page : new Page[] {host, guest, third, other}) {
                // The other meeting's page, alone there, decodes nothing to wait for: wait for its connection instead.
                page.waitForFunction("() => window.__peerConnections.length > 0");
                org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("window.__peerConnections.length"))
                        .as("one connection, to the gateway, however many others there are").isEqualTo(1);
            }
            Chromium.screenshot(host, "meeting-three-participants.png");
            String metrics = server.http().send(HttpRequest.newBuilder(URI.create(server.adminBaseUri().toString()
                    .replaceAll("/$", "") + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            org.assertj.core.api.Assertions.assertThat(metric(metrics, "vestibule_media_participants")).as("four pages").isGreaterThanOrEqualTo(4);
            org.assertj.core.api.Assertions.assertThat(metric(metrics, "vestibule_media_streams")).as("each sends two").isGreaterThanOrEqualTo(8);
            org.assertj.core.api.Assertions.assertThat(metric(metrics, "vestibule_media_packets_forwarded")).isPositive();
            org.assertj.core.api.Assertions.assertThat(Pattern.compile("(?m)^vestibule_media_conference_participants\\{[^}]*conference=\"[0-9a-f-]{36}\"[^}]*\\} (\\S+)$")
                            .matcher(metrics).results().map(found -> Double.parseDouble(found.group(1))).sorted().toList())
                    .as("per conference: the meeting of three and the other of one").contains(1.0, 3.0);

            assertThat(other.locator("#tiles figure")).hasCount(1);
            org.assertj.core.api.Assertions.assertThat((Integer) other.evaluate("window.__decodingVideos"))
                    .as("a participant of another meeting receives nothing").isZero();

            Map<String, Integer> guestSends = rtpPackets(guest, "outbound-rtp");
            org.assertj.core.api.Assertions.assertThat(sum(rtpPackets(host, "inbound-rtp"), guestSends.keySet()))
                    .as("the host receives the guest's sources, by the numbers the guest sends them under").isPositive();
            guest.evaluate(IGNORE_REMOVAL);
            host.locator("#roster li", new Page.LocatorOptions().setHasText("Gabriela Guest"))
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove")).click();
            assertThat(guest.locator("#status")).hasText("A host removed you from the meeting.");
            assertThat(tile(host, "Gabriela Guest")).hasCount(0);
            int hostHadFromGuest = sum(rtpPackets(host, "inbound-rtp"), guestSends.keySet());
            int guestHadSent = sum(rtpPackets(guest, "outbound-rtp"), guestSends.keySet());
            guest.waitForFunction("async (before) => Object.values(await window.__rtpPackets('outbound-rtp')).reduce((a, b) => a + b, 0) > before + 100",
                    guestHadSent, new Page.WaitForFunctionOptions().setTimeout(15_000).setPollingInterval(100));
            org.assertj.core.api.Assertions.assertThat(sum(rtpPackets(host, "inbound-rtp"), guestSends.keySet()))
                    .as("the removed guest went on sending, and the gateway forwarded none of it").isLessThanOrEqualTo(hostHadFromGuest);
            assertThat(guest.locator("#tiles figure")).hasCount(0);
            // The meeting goes on for the others: the host still receives the third participant.
            Set<String> thirdSends = rtpPackets(third, "outbound-rtp").keySet();
            host.waitForFunction("async ([sources, before]) => Object.entries(await window.__rtpPackets('inbound-rtp'))"
                            + ".filter(([source]) => sources.includes(source)).reduce((sum, [, packets]) => sum + packets, 0) > before + 100",
                    List.of(List.copyOf(thirdSends), sum(rtpPackets(host, "inbound-rtp"), thirdSends)),
                    new Page.WaitForFunctionOptions().setTimeout(15_000).setPollingInterval(100));

            CallRecordsProbe records = new CallRecordsProbe(server);
            JsonObject connected = records.awaitInRoom(roomId, record -> "media_connected".equals(record.getString("type", "")));
            org.assertj.core.api.Assertions.assertThat(connected.getString("encryption"))
                    .matches("DTLS 1\\.2, TLS_ECDHE_ECDSA_WITH_AES_(128|256)_GCM_SHA(256|384), SRTP_AEAD_AES_(128|256)_GCM");
            org.assertj.core.api.Assertions.assertThat(connected.getString("remoteAddress")).startsWith("127.");
            JsonObject removed = records.awaitInRoom(roomId, record -> "media_ended".equals(record.getString("type", ""))
                    && "removed".equals(record.getString("outcome", "")));
            org.assertj.core.api.Assertions.assertThat(removed.getString("detail"))
                    .as("the removed guest's media went both ways").containsPattern("received [1-9]\\d* packets, [1-9]\\d* bytes; sent [1-9]");
        }
    }

    /**
     * R-RTC-2 on the wire (tshark on loopback): on the gateway's port there is nothing but STUN, DTLS and SRTP/SRTCP, and
     * no video packet carries a VP8 key frame's start code in clear, which every plain VP8 key frame does.
     */
    @Test
    void onTheWireThereIsOnlyStunDtlsAndEncryptedMedia(VestibuleServer server) throws InterruptedException {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String meeting = joinUrl(server, Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)));
        List<byte[]> payloads;
        try (LoopbackCapture capture = LoopbackCapture.start(Integer.parseInt(server.setting("VESTIBULE_MEDIA_PORT")));
             BrowserContext hostContext = context(); BrowserContext guestContext = context()) {
            Page host = open(hostContext, meeting, "Hugo Host", Meetings.HOST_PIN);
            Page guest = open(guestContext, meeting, "Gabriela Guest", Meetings.GUEST_PIN);
            awaitDecodingVideos(host, 1);
            awaitDecodingVideos(guest, 1);
            // Compound RTCP starts a little after the media: the capture is read until some, and enough RTP, have crossed.
            capture.awaitCaptured(captured -> captured.stream().anyMatch(payload -> PacketClassifier.classify(payload) == PacketKind.RTCP)
                    && captured.stream().filter(payload -> PacketClassifier.classify(payload) == PacketKind.RTP).count() > 100,
                    Duration.ofSeconds(30));
            payloads = capture.stopAndReadPayloads();
        }

        Map<PacketKind, Long> kinds = payloads.stream().collect(Collectors.groupingBy(PacketClassifier::classify, Collectors.counting()));
        org.assertj.core.api.Assertions.assertThat(kinds.keySet()).as("what the gateway's port carried: " + kinds)
                .containsExactlyInAnyOrder(PacketKind.STUN, PacketKind.DTLS, PacketKind.RTP, PacketKind.RTCP);
        org.assertj.core.api.Assertions.assertThat(kinds.get(PacketKind.RTP)).isGreaterThan(100);
        org.assertj.core.api.Assertions.assertThat(payloads.stream().filter(payload -> PacketClassifier.classify(payload) == PacketKind.RTP)
                .filter(MeetingMediaBrowserIT::carriesAVp8KeyFrameStartCodeInClear).count()).isZero();
    }

    /**
     * Token bound to the media (R-RTC-3): a participant's media is bound to the DTLS certificate of its first connection
     * and its join tokens say so ({@code cnf}); a browser that copied the participant's place, join token included,
     * is refused at its offer, because its certificate is another.
     */
    @Test
    void aCopiedJoinTokenCarriesNoMediaAndRefreshedTokensNameTheCertificate(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String meeting = joinUrl(server, Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)));
        try (BrowserContext hostContext = context(); BrowserContext guestContext = context(); BrowserContext copyContext = context()) {
            Page host = open(hostContext, meeting, "Hugo Host", Meetings.HOST_PIN);
            Page guest = open(guestContext, meeting, "Gabriela Guest", Meetings.GUEST_PIN);
            awaitDecodingVideos(host, 1);
            awaitDecodingVideos(guest, 1);
            String key = (String) guest.evaluate("Object.keys(sessionStorage).find((key) => key.startsWith('vestibule.join.'))");
            JsonObject place;
            try (JsonReader reader = Json.createReader(new StringReader((String) guest.evaluate("sessionStorage.getItem('" + key + "')")))) {
                place = reader.readObject();
            }

            String refreshed = server.newClient().withBearer(place.getString("token"))
                    .sendWithoutCsrf("POST", "/api/v1/join/refresh", null).json().getString("token");
            JsonObject claims;
            try (JsonReader reader = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(refreshed.split("\\.")[1]),
                    StandardCharsets.UTF_8)))) {
                claims = reader.readObject();
            }
            String certificate = ((String) guest.evaluate("""
                    async () => {
                      const stats = await window.__peerConnections[0].getStats();
                      const transport = [...stats.values()].find((report) => report.type === 'transport');
                      return stats.get(transport.localCertificateId).fingerprint;
                    }""")).replace(":", "");
            org.assertj.core.api.Assertions.assertThat(claims.getJsonObject("cnf").getString("x5t#S256"))
                    .as("the SHA-256 of the guest's own DTLS certificate")
                    .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(certificate)));

            String copied = Json.createObjectBuilder(place).add("token", refreshed).build().toString();
            copyContext.addInitScript("sessionStorage.setItem(" + Json.createValue(key) + ", " + Json.createValue(copied) + ");");
            Page copy = copyContext.newPage();
            copy.navigate(meeting);
            assertThat(copy.locator("#status")).containsText("refused by the security policy: the certificate it offers is not the one your place in this meeting is bound to");
            org.assertj.core.api.Assertions.assertThat((Integer) copy.evaluate("window.__decodingVideos")).isZero();
        }
    }

    /**
     * The gateway ends a page's media connection for a reason the network can cure (here told to the page on its own
     * socket, as the gateway tells it when consent checks stop being answered): the page connects again by itself,
     * with the same certificate, and media flows both ways again. A reason the network cannot cure is only told.
     */
    @Test
    void aPageWhoseMediaConnectionIsLostConnectsAgainByItself(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String meeting = joinUrl(server, Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)));
        try (BrowserContext hostContext = context(); BrowserContext guestContext = context()) {
            Page host = open(hostContext, meeting, "Hugo Host", Meetings.HOST_PIN);
            Page guest = guestContext.newPage();
            AtomicReference<WebSocketRoute> signaling = new AtomicReference<>();
            guest.routeWebSocket(Pattern.compile(".*/ws/v1/conferences/.*"), route -> {
                route.connectToServer();
                signaling.set(route);
            });
            guest.navigate(meeting);
            enter(guest, "Gabriela Guest", Meetings.GUEST_PIN);
            awaitDecodingVideos(host, 1);
            awaitDecodingVideos(guest, 1);

            signaling.get().send("{\"type\":\"error\",\"error\":\"media_failed\",\"reason\":\"ice_consent_expired\"}");
            assertThat(guest.locator("#status")).hasText(Pattern.compile("lost \\(the meeting stopped hearing from your browser\\)\\. Reconnecting"));
            guest.waitForFunction("() => window.__peerConnections.length === 2 && window.__peerConnections[0].connectionState === 'closed'"
                    + " && window.__peerConnections[1].connectionState === 'connected'", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(250));
            awaitDecodingVideos(guest, 1);
            assertThat(guest.locator("#status")).isHidden();
            Set<String> guestSendsNow = rtpPackets(guest, "outbound-rtp").keySet();
            host.waitForFunction("async (sources) => Object.entries(await window.__rtpPackets('inbound-rtp'))"
                    + ".some(([source, packets]) => sources.includes(source) && packets > 0)", List.copyOf(guestSendsNow),
                    new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(250));

            signaling.get().send("{\"type\":\"error\",\"error\":\"media_failed\",\"reason\":\"dtls_fingerprint_mismatch\"}");
            assertThat(guest.locator("#status")).hasText(Pattern.compile("ended \\(your browser's certificate is not the one its offer announced\\)\\. Reload the page"));
        }
    }

    /** A plain VP8 key frame (RFC 7741): after the RTP header and the payload descriptor, 3 bytes, then 9d 01 2a. */
    private static boolean carriesAVp8KeyFrameStartCodeInClear(byte[] packet) {
        if (!(RtpHeader.read(packet, 0, packet.length) instanceof RtpHeader.Sane sane)) {
            return false;
        }
        int at = sane.header().headerLength();
        for (int descriptor = 1; descriptor <= 6; descriptor++) {
            int code = at + descriptor + 3;
            if (code + 3 <= packet.length && (packet[code] & 0xFF) == 0x9d && packet[code + 1] == 0x01 && packet[code + 2] == 0x2a) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aPageThatTampersItsOfferToPlainRtpIsRefusedWithThePolicyMessage(VestibuleServer server) {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String meeting = joinUrl(server, Meetings.alias(Meetings.openNow(alice, "host_and_guest_pins", false)));
        try (BrowserContext hostContext = context(); BrowserContext tamperedContext = context()) {
            Page host = open(hostContext, meeting, "Hugo Host", Meetings.HOST_PIN);
            tamperedContext.addInitScript(TAMPER_OFFERS);
            Page tampered = open(tamperedContext, meeting, "Mallory", Meetings.GUEST_PIN);

            assertThat(tampered.locator("#status")).containsText("refused by the security policy: a stream is not encrypted with DTLS-SRTP");
            assertThat(host.locator("#roster")).containsText("Mallory");
            assertThat(tile(host, "Mallory")).hasCount(0);
        }
    }

    private static BrowserContext context() {
        BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 900));
        context.addInitScript(MeetingPages.RECORD_PEER_CONNECTIONS);
        return context;
    }

    private static Page open(BrowserContext context, String joinUrl, String name, String pin) {
        Page page = context.newPage();
        page.navigate(joinUrl);
        enter(page, name, pin);
        return page;
    }

    /** Packets sent ({@code outbound-rtp}) or received ({@code inbound-rtp}) per source, from the page's statistics. */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> rtpPackets(Page page, String type) {
        Map<String, Object> packets = (Map<String, Object>) page.evaluate("(type) => window.__rtpPackets(type)", type);
        return packets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> ((Number) entry.getValue()).intValue()));
    }

    private static int sum(Map<String, Integer> packets, Set<String> sources) {
        return packets.entrySet().stream().filter(entry -> sources.contains(entry.getKey())).mapToInt(Map.Entry::getValue).sum();
    }

    /** A value of the Prometheus text format, whatever labels Payara adds. */
    private static double metric(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        org.assertj.core.api.Assertions.assertThat(value.find()).as(name + " in " + metrics).isTrue();
        return Double.parseDouble(value.group(2));
    }

    private static String joinUrl(VestibuleServer server, String alias) {
        return server.baseUri().resolve("/join/" + alias).toString();
    }
}
