package io.vestibule.media.gateway.negotiation;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.vestibule.media.sdp.DtlsSrtpPolicy;
import io.vestibule.media.sdp.MediaSection;
import io.vestibule.media.sdp.SdpLimits;
import io.vestibule.media.sdp.SdpParser;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRole;
import io.vestibule.media.sdp.SessionDescription;
import io.vestibule.testing.CapturedSdp;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayAnswerTest {
    private static final LocalTransport LOCAL = new LocalTransport("gW1x", "a6GkRz0Vq3LmT8sYb2NcHd5e",
            List.of("candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host"),
            "sha-256 " + "AB:".repeat(31) + "AB", true);
    private static final RemoteTrack BOB_AUDIO = new RemoteTrack("bob", new PublishedTrack("audio", 11, OptionalLong.empty()));
    private static final RemoteTrack BOB_VIDEO = new RemoteTrack("bob", new PublishedTrack("video", 12, OptionalLong.of(13)));
    private static final RemoteTrack CAROL_VIDEO = new RemoteTrack("carol", new PublishedTrack("video", 22, OptionalLong.of(23)));

    private final SdpParser parser = new SdpParser(SdpLimits.standard());

    /** Chromium's offer with one more section of each kind, added to receive ({@code addTransceiver(kind, recvonly)}). */
    private SessionDescription offerReceivingOneMoreOfEach() throws SdpRefused {
        String offer = CapturedSdp.CHROMIUM_OFFER.text().replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1 2 3 4")
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:3\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:4\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n";
        return parser.parse(offer.replace("a=mid:3", "a=mid:3\r\na=ice-ufrag:x1Yz\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
                + "a=fingerprint:sha-256 " + "01:".repeat(31) + "01\r\na=setup:actpass")
                .replace("a=mid:4", "a=mid:4\r\na=ice-ufrag:x1Yz\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"
                + "a=fingerprint:sha-256 " + "01:".repeat(31) + "01\r\na=setup:actpass"));
    }

    @Test
    void theAnswerToAFirstOfferReceivesWhatTheParticipantSendsAndPassesThePolicy() throws SdpRefused {
        SessionDescription offer = parser.parse(CapturedSdp.CHROMIUM_OFFER.text());

        GatewayAnswer.Answer answer = GatewayAnswer.to(offer, LOCAL, PayloadTypes.of(offer), List.of(BOB_VIDEO), Map.of(), 7, 1);

        SessionDescription parsed = DtlsSrtpPolicy.standard().check(answer.sdp(), SdpRole.ANSWER).description();
        assertThat(parsed.media()).extracting(MediaSection::kind).containsExactly("audio", "video", "application");
        assertThat(parsed.media().get(0).has("recvonly")).isTrue();
        assertThat(parsed.media().get(1).has("recvonly")).isTrue();
        assertThat(parsed.media().get(2).port()).as("data channels declined").isZero();
        assertThat(parsed.values("group")).containsExactly("BUNDLE 0 1");
        assertThat(parsed.media().get(1).formats()).containsExactly("96", "97");
        assertThat(parsed.media().get(0).formats()).containsExactly("111");
        assertThat(answer.sending()).as("no section to carry Bob's video yet").isEmpty();
        assertThat(answer.sdp()).doesNotContain("extmap").contains("a=setup:passive").contains("a=ice-lite")
                .contains("a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host");
    }

    @Test
    void sectionsAddedToReceiveCarryTheOthersTracksNamedByTheirSources() throws SdpRefused {
        SessionDescription offer = offerReceivingOneMoreOfEach();

        GatewayAnswer.Answer answer = GatewayAnswer.to(offer, LOCAL, PayloadTypes.of(offer), List.of(BOB_AUDIO, BOB_VIDEO, CAROL_VIDEO), Map.of(), 7, 2);

        SessionDescription parsed = DtlsSrtpPolicy.standard().check(answer.sdp(), SdpRole.ANSWER).description();
        assertThat(answer.sending()).containsEntry("3", BOB_AUDIO).containsEntry("4", BOB_VIDEO).hasSize(2);
        MediaSection video = parsed.media().get(4);
        assertThat(video.has("sendonly")).isTrue();
        assertThat(video.values("ssrc-group")).containsExactly("FID 12 13");
        assertThat(video.values("ssrc")).contains("12 cname:bob", "13 msid:bob bob-video-12");
        assertThat(video.values("msid")).containsExactly("bob bob-video-12");
        assertThat(parsed.media().get(3).values("ssrc")).containsExactly("11 cname:bob", "11 msid:bob bob-audio-11");
        assertThat(answer.sdp()).as("no section left for Carol's video").doesNotContain("carol");
    }

    @Test
    void aReceiverWithoutRetransmissionsIsNotToldOfThem() throws SdpRefused {
        SessionDescription offer = offerReceivingOneMoreOfEach();
        PayloadTypes withoutRtx = new PayloadTypes(111, "", 96, OptionalInt.empty());

        GatewayAnswer.Answer answer = GatewayAnswer.to(offer, LOCAL, withoutRtx, List.of(BOB_VIDEO), Map.of(), 7, 2);

        assertThat(answer.sdp()).contains("a=ssrc:12 cname:bob").doesNotContain("a=ssrc:13").doesNotContain("FID");
    }

    @Test
    void aTrackKeepsItsSectionWhenAnotherGoes() throws SdpRefused {
        SessionDescription offer = offerReceivingOneMoreOfEach();
        PayloadTypes types = PayloadTypes.of(offer);

        GatewayAnswer.Answer first = GatewayAnswer.to(offer, LOCAL, types, List.of(BOB_VIDEO), Map.of(), 7, 2);
        GatewayAnswer.Answer second = GatewayAnswer.to(offer, LOCAL, types, List.of(CAROL_VIDEO, BOB_VIDEO), first.sending(), 7, 3);
        GatewayAnswer.Answer third = GatewayAnswer.to(offer, LOCAL, types, List.of(CAROL_VIDEO), second.sending(), 7, 4);

        assertThat(first.sending()).containsExactly(Map.entry("4", BOB_VIDEO));
        assertThat(second.sending()).as("Bob keeps section 4; Carol waits for a section of her own").containsExactly(Map.entry("4", BOB_VIDEO));
        assertThat(third.sending()).as("Bob gone, the section is Carol's").containsExactly(Map.entry("4", CAROL_VIDEO));
    }
}
