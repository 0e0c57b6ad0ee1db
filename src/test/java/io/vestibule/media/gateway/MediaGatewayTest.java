package io.vestibule.media.gateway;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.media.gateway.dtls.DtlsServerSettings;
import io.vestibule.media.gateway.dtls.GatewayCertificate;
import io.vestibule.media.gateway.ice.LoopbackMedia;
import io.vestibule.media.sdp.DtlsSrtpPolicy;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRole;
import io.vestibule.media.sdp.SdpRule;
import io.vestibule.media.sdp.SessionDescription;
import io.vestibule.testing.CapturedSdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The gateway's negotiation with participants, on real ICE ports of 127.0.0.1 (no browser connects here). */
class MediaGatewayTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final UUID CONFERENCE = UUID.randomUUID();
    private static final UUID ROOM = UUID.randomUUID();
    private static final UUID HOST = UUID.randomUUID();
    private static final UUID GUEST = UUID.randomUUID();

    private final SecureRandom random = new SecureRandom();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final List<CallEvent> recorded = new CopyOnWriteArrayList<>();
    private final ExecutorService handshakes = Executors.newCachedThreadPool();
    private final Map<UUID, String> bound = new ConcurrentHashMap<>();
    private final Map<UUID, IntSupplier[]> watched = new ConcurrentHashMap<>();
    private final MediaBindings bindings = new MediaBindings() {
        @Override
        public boolean bind(UUID conference, UUID participant, String certificate) {
            return bound.computeIfAbsent(participant, id -> certificate).equals(certificate);
        }

        @Override
        public Optional<String> bound(UUID conference, UUID participant) {
            return Optional.ofNullable(bound.get(participant));
        }
    };
    private GatewayCertificate certificate;
    private MediaGateway gateway;

    @BeforeEach
    void start() throws Exception {
        certificate = GatewayCertificate.generate(POLICY, random, Clock.systemUTC());
        gateway = new MediaGateway(LoopbackMedia.bind(1), certificate, DtlsServerSettings.from(POLICY, true, Duration.ofSeconds(5)),
                handshakes, new GatewayMessages() {
                    @Override
                    public void renegotiate(UUID conference, UUID participant, int audio, int video) {
                        told.add("renegotiate " + name(participant) + " " + audio + " " + video);
                    }

                    @Override
                    public void mediaFailed(UUID conference, UUID participant, String reason) {
                        told.add("failed " + name(participant) + " " + reason);
                    }
                }, bindings, POLICY, random, new CallRecorder() {
                    @Override
                    public void record(CallEvent event) {
                        recorded.add(event);
                    }

                    @Override
                    public void recordDurably(CallEvent event) {
                        recorded.add(event);
                    }
                }, Clock.systemUTC(), new ConferenceWatcher() {
                    @Override
                    public void opened(UUID conference, IntSupplier participants, IntSupplier streams) {
                        watched.put(conference, new IntSupplier[] {participants, streams});
                    }

                    @Override
                    public void closed(UUID conference) {
                        watched.remove(conference);
                    }
                });
    }

    @AfterEach
    void stop() {
        gateway.close();
        handshakes.shutdownNow();
    }

    private static String name(UUID participant) {
        return participant.equals(HOST) ? "host" : participant.equals(GUEST) ? "guest" : participant.toString();
    }

    private static SessionDescription offer(String sdp) throws SdpRefused {
        return DtlsSrtpPolicy.standard().check(sdp, SdpRole.OFFER).description();
    }

    /** Chromium's captured offer with sources of the guest's own. */
    private static String guestOffer() {
        return CapturedSdp.CHROMIUM_OFFER.text().replace("2290615249", "3290615249").replace("2609059575", "3609059575")
                .replace("1847694018", "2847694018").replace("ice-ufrag:", "ice-ufrag:G");
    }

    /** The host's offer again, with a section added to receive each kind, as the page makes it when asked. */
    private static String hostOfferReceivingOneOfEach() {
        String offer = CapturedSdp.CHROMIUM_OFFER.text();
        String transport = offer.substring(offer.indexOf("a=ice-ufrag:"), offer.indexOf("a=mid:0"));
        return offer.replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1 2 3 4")
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n" + transport + "a=mid:3\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\n" + transport + "a=mid:4\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n";
    }

    @Test
    void anOfferIsAnsweredOnTheGatewaysOwnTransportAndCertificate() throws Exception {
        MediaGateway.Reply reply = gateway.offer(CONFERENCE, ROOM, HOST, offer(CapturedSdp.CHROMIUM_OFFER.text()));

        assertThat(reply.answer()).contains("a=fingerprint:" + certificate.sdpFingerprint()).contains("a=setup:passive")
                .containsPattern("a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 \\d+ typ host");
        assertThat(reply.offerAgain()).as("nobody else sends").isEmpty();
        assertThat(gateway.participants()).isEqualTo(1);
        assertThat(told).isEmpty();
    }

    @Test
    void whenSomeoneElseSendsEachIsAskedToOfferAgainAndThenReceivesTheOthersTracks() throws Exception {
        gateway.offer(CONFERENCE, ROOM, HOST, offer(CapturedSdp.CHROMIUM_OFFER.text()));

        MediaGateway.Reply guest = gateway.offer(CONFERENCE, ROOM, GUEST, offer(guestOffer()));

        assertThat(guest.offerAgain()).contains(new MediaGateway.Receive(1, 1));
        assertThat(told).containsExactly("renegotiate host 1 1");

        MediaGateway.Reply again = gateway.offer(CONFERENCE, ROOM, HOST, offer(hostOfferReceivingOneOfEach()));
        assertThat(again.offerAgain()).isEmpty();
        assertThat(again.answer()).contains("a=ssrc:3290615249 cname:" + GUEST).contains("a=ssrc-group:FID 3609059575 2847694018")
                .contains("a=msid:" + GUEST + " " + GUEST + "-video-3609059575");
        assertThat(told).as("the host's tracks did not change").containsExactly("renegotiate host 1 1");
    }

    @Test
    void anOfferClaimingAnotherParticipantsSourcesIsRefused() throws Exception {
        gateway.offer(CONFERENCE, ROOM, HOST, offer(CapturedSdp.CHROMIUM_OFFER.text()));

        SdpRefused refused = catchThrowableOfType(SdpRefused.class,
                () -> gateway.offer(CONFERENCE, ROOM, GUEST, offer(CapturedSdp.CHROMIUM_OFFER.text().replace("ice-ufrag:", "ice-ufrag:G"))));

        assertThat(refused.rule()).isEqualTo(SdpRule.SOURCES);
        assertThat(gateway.participants()).isEqualTo(1);
    }

    @Test
    void aDepartureEndsTheParticipantsMediaAndTheOthersAreAskedToOfferAgain() throws Exception {
        gateway.offer(CONFERENCE, ROOM, HOST, offer(CapturedSdp.CHROMIUM_OFFER.text()));
        gateway.offer(CONFERENCE, ROOM, GUEST, offer(guestOffer()));
        told.clear();

        assertThat(watched.get(CONFERENCE)[0].getAsInt()).as("participants of the conference").isEqualTo(2);
        assertThat(watched.get(CONFERENCE)[1].getAsInt()).as("streams of the conference: both send audio and video").isEqualTo(4);

        gateway.departed(CONFERENCE, GUEST, "removed");

        assertThat(gateway.participants()).isEqualTo(1);
        assertThat(watched.get(CONFERENCE)[0].getAsInt()).isEqualTo(1);
        assertThat(told).containsExactly("renegotiate host 0 0");
        assertThat(recorded).as("media that never connected has no record of its end").isEmpty();

        gateway.departed(CONFERENCE, HOST, "left");
        assertThat(gateway.participants()).isZero();
        assertThat(gateway.conferences()).as("a conference without media is forgotten").isZero();
        assertThat(watched).as("and its metrics go with it").isEmpty();
    }

    @Test
    void theEndOfAConferenceEndsEveryonesMedia() throws Exception {
        gateway.offer(CONFERENCE, ROOM, HOST, offer(CapturedSdp.CHROMIUM_OFFER.text()));
        gateway.offer(CONFERENCE, ROOM, GUEST, offer(guestOffer()));

        assertThat(watched).containsOnlyKeys(CONFERENCE);

        gateway.ended(CONFERENCE);

        assertThat(gateway.participants()).isZero();
        assertThat(gateway.conferences()).isZero();
        assertThat(watched).isEmpty();
    }

    @Test
    void anOfferWithAnotherCertificateIsANewConnection() throws Exception {
        MediaGateway.Reply first = gateway.offer(CONFERENCE, ROOM, HOST, offer(CapturedSdp.CHROMIUM_OFFER.text()));
        String otherCertificate = CapturedSdp.CHROMIUM_OFFER.text().replaceAll("a=fingerprint:sha-256 \\S+",
                "a=fingerprint:sha-256 " + "0A:".repeat(31) + "0A");

        MediaGateway.Reply second = gateway.offer(CONFERENCE, ROOM, HOST, offer(otherCertificate));

        assertThat(ufrag(second.answer())).isNotEqualTo(ufrag(first.answer()));
        assertThat(gateway.participants()).isEqualTo(1);
        MediaGateway.Reply same = gateway.offer(CONFERENCE, ROOM, HOST, offer(otherCertificate));
        assertThat(ufrag(same.answer())).as("the same connection, answered again").isEqualTo(ufrag(second.answer()));
    }

    /** A participant whose media is bound to a certificate cannot negotiate with another (the join token's cnf). */
    @Test
    void anOfferWithAnotherCertificateThanTheBoundOneIsRefused() throws Exception {
        String captured = CapturedSdp.CHROMIUM_OFFER.text();
        String offeredHex = captured.lines().filter(line -> line.startsWith("a=fingerprint:sha-256 ")).findFirst().orElseThrow()
                .substring("a=fingerprint:sha-256 ".length()).replace(":", "");
        bound.put(HOST, Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(offeredHex)));

        assertThat(gateway.offer(CONFERENCE, ROOM, HOST, offer(captured)).answer()).as("the bound certificate").contains("a=setup:passive");
        SdpRefused refused = catchThrowableOfType(SdpRefused.class, () -> gateway.offer(CONFERENCE, ROOM, HOST,
                offer(captured.replaceAll("a=fingerprint:sha-256 \\S+", "a=fingerprint:sha-256 " + "0A:".repeat(31) + "0A"))));

        assertThat(refused.rule()).isEqualTo(SdpRule.BOUND_CERTIFICATE);
        assertThat(refused.reason()).contains("bound to another certificate");
    }

    private static String ufrag(String sdp) {
        return sdp.lines().filter(line -> line.startsWith("a=ice-ufrag:")).findFirst().orElseThrow();
    }
}
