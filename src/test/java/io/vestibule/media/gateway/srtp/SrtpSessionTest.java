package io.vestibule.media.gateway.srtp;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vestibule.media.gateway.SrtpKeyingMaterial;
import io.vestibule.media.gateway.SrtpProfile;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

class SrtpSessionTest {
    /** Every profile, but AES-CM only where it is offered at all: the FIPS build never offers it (CryptoPolicy.srtpProfiles). */
    static java.util.stream.Stream<SrtpProfile> profilesThisBuildOffers() {
        java.util.List<String> offered = io.vestibule.crypto.CryptoPolicy.standard().srtpProfiles(true);
        return java.util.Arrays.stream(SrtpProfile.values()).filter(profile -> offered.contains(profile.name()));
    }

    private final Random random = new Random(15);

    private SrtpKeyingMaterial keys(SrtpProfile profile) {
        byte[] exported = new byte[profile.keyingMaterialBytes()];
        random.nextBytes(exported);
        return SrtpKeyingMaterial.split(profile, exported);
    }

    static byte[] rtp(long ssrc, int sequence, int payloadBytes) {
        byte[] packet = new byte[12 + payloadBytes];
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[7] = (byte) sequence;
        writeSsrc(packet, 8, ssrc);
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }

    static byte[] rtcpReceiverReport(long ssrc) {
        byte[] packet = new byte[8];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) 201;
        packet[3] = 1;
        writeSsrc(packet, 4, ssrc);
        return packet;
    }

    private static void writeSsrc(byte[] packet, int at, long ssrc) {
        packet[at] = (byte) (ssrc >> 24);
        packet[at + 1] = (byte) (ssrc >> 16);
        packet[at + 2] = (byte) (ssrc >> 8);
        packet[at + 3] = (byte) ssrc;
    }

    static byte[] done(SrtpResult result) {
        assertThat(result).isInstanceOf(SrtpResult.Done.class);
        return ((SrtpResult.Done) result).packet();
    }

    @ParameterizedTest
    @MethodSource("profilesThisBuildOffers")
    void rtpProtectedByOneSideIsUnprotectedByTheOtherInBothDirections(SrtpProfile profile) {
        SrtpKeyingMaterial keys = keys(profile);
        SrtpSession gateway = SrtpSession.forDtlsServer(keys);
        SrtpSession participant = SrtpSession.forDtlsClient(keys);
        byte[] upstream = rtp(0x1111_2222L, 1000, 160);
        byte[] downstream = rtp(0xF000_0001L, 7, 1188);

        byte[] protectedUp = done(participant.protectRtp(upstream, 0, upstream.length));
        byte[] protectedDown = done(gateway.protectRtp(downstream, 0, downstream.length));

        assertThat(protectedUp).hasSize(upstream.length + profile.tagBytes());
        assertThat(Arrays.copyOfRange(protectedUp, 12, upstream.length)).isNotEqualTo(Arrays.copyOfRange(upstream, 12, upstream.length));
        assertThat(done(gateway.unprotectRtp(protectedUp, 0, protectedUp.length))).isEqualTo(upstream);
        assertThat(done(participant.unprotectRtp(protectedDown, 0, protectedDown.length))).isEqualTo(downstream);
    }

    @ParameterizedTest
    @MethodSource("profilesThisBuildOffers")
    void inPlaceOnePacketCarriesPacketAfterPacketWithinItsOwnArrayAndADatagramIsDecryptedWhereItLies(SrtpProfile profile) {
        SrtpKeyingMaterial keys = keys(profile);
        SrtpSession gateway = SrtpSession.forDtlsServer(keys);
        SrtpSession participant = SrtpSession.forDtlsClient(keys);
        MediaPacket outgoing = new MediaPacket(1500 + 4 + 16);
        byte[] array = outgoing.getBuffer();
        MediaPacket incoming = new MediaPacket(0);
        byte[] datagram = new byte[2048];

        for (int sequence = 1; sequence <= 3; sequence++) {
            byte[] plain = rtp(0x2222_3333L, sequence, 1188);
            assertThat(participant.protectRtp(outgoing.fill(plain, 0, plain.length))).isEmpty();
            assertThat(outgoing.getBuffer()).isSameAs(array);
            assertThat(outgoing.getLength()).isEqualTo(plain.length + profile.tagBytes());
            System.arraycopy(outgoing.getBuffer(), 0, datagram, 100, outgoing.getLength());

            assertThat(gateway.unprotectRtp(incoming.wrap(datagram, 100, outgoing.getLength()))).isEmpty();

            assertThat(incoming.getBuffer()).isSameAs(datagram);
            assertThat(incoming.toByteArray()).isEqualTo(plain);
        }
        assertThat(gateway.unprotectRtp(incoming.wrap(datagram, 100, 1200))).contains(SrtpRefusal.REPLAYED);
    }

    @ParameterizedTest
    @MethodSource("profilesThisBuildOffers")
    void rtcpProtectedByOneSideIsUnprotectedByTheOtherInBothDirections(SrtpProfile profile) {
        SrtpKeyingMaterial keys = keys(profile);
        SrtpSession gateway = SrtpSession.forDtlsServer(keys);
        SrtpSession participant = SrtpSession.forDtlsClient(keys);
        byte[] report = rtcpReceiverReport(0x1111_2222L);
        byte[] answer = rtcpReceiverReport(0xF000_0001L);

        byte[] protectedReport = done(participant.protectRtcp(report, 0, report.length));
        byte[] protectedAnswer = done(gateway.protectRtcp(answer, 0, answer.length));

        assertThat(protectedReport).hasSize(report.length + 4 + profile.tagBytes());
        assertThat(done(gateway.unprotectRtcp(protectedReport, 0, protectedReport.length))).isEqualTo(report);
        assertThat(done(participant.unprotectRtcp(protectedAnswer, 0, protectedAnswer.length))).isEqualTo(answer);
    }

    @ParameterizedTest
    @MethodSource("profilesThisBuildOffers")
    void anAlteredPacketFailsAuthentication(SrtpProfile profile) {
        SrtpKeyingMaterial keys = keys(profile);
        SrtpSession gateway = SrtpSession.forDtlsServer(keys);
        SrtpSession participant = SrtpSession.forDtlsClient(keys);
        byte[] packet = rtp(42, 1, 100);
        byte[] protectedPacket = done(participant.protectRtp(packet, 0, packet.length));
        byte[] report = rtcpReceiverReport(42);
        byte[] protectedReport = done(participant.protectRtcp(report, 0, report.length));

        protectedPacket[40] ^= 1;
        protectedReport[6] ^= (byte) 0x80;

        assertThat(gateway.unprotectRtp(protectedPacket, 0, protectedPacket.length))
                .isEqualTo(new SrtpResult.Refused(SrtpRefusal.AUTHENTICATION_FAILED));
        assertThat(gateway.unprotectRtcp(protectedReport, 0, protectedReport.length))
                .isEqualTo(new SrtpResult.Refused(SrtpRefusal.AUTHENTICATION_FAILED));
    }

    @ParameterizedTest
    @MethodSource("profilesThisBuildOffers")
    void aReplayedPacketIsRefused(SrtpProfile profile) {
        SrtpKeyingMaterial keys = keys(profile);
        SrtpSession gateway = SrtpSession.forDtlsServer(keys);
        SrtpSession participant = SrtpSession.forDtlsClient(keys);
        byte[] first = done(participant.protectRtp(rtp(42, 1, 100), 0, 112));
        byte[] second = done(participant.protectRtp(rtp(42, 2, 100), 0, 112));
        byte[] report = rtcpReceiverReport(42);
        byte[] protectedReport = done(participant.protectRtcp(report, 0, report.length));

        done(gateway.unprotectRtp(first, 0, first.length));
        done(gateway.unprotectRtp(second, 0, second.length));
        done(gateway.unprotectRtcp(protectedReport, 0, protectedReport.length));

        assertThat(gateway.unprotectRtp(first, 0, first.length)).isEqualTo(new SrtpResult.Refused(SrtpRefusal.REPLAYED));
        assertThat(gateway.unprotectRtp(second, 0, second.length)).isEqualTo(new SrtpResult.Refused(SrtpRefusal.REPLAYED));
        assertThat(gateway.unprotectRtcp(protectedReport, 0, protectedReport.length)).isEqualTo(new SrtpResult.Refused(SrtpRefusal.REPLAYED));
    }

    @Test
    void packetsUnderAnotherSessionsKeysFailAuthentication() {
        SrtpSession participant = SrtpSession.forDtlsClient(keys(SrtpProfile.SRTP_AEAD_AES_128_GCM));
        SrtpSession otherGateway = SrtpSession.forDtlsServer(keys(SrtpProfile.SRTP_AEAD_AES_128_GCM));
        byte[] packet = done(participant.protectRtp(rtp(42, 1, 100), 0, 112));

        assertThat(otherGateway.unprotectRtp(packet, 0, packet.length)).isEqualTo(new SrtpResult.Refused(SrtpRefusal.AUTHENTICATION_FAILED));
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void forgedPacketsWithMadeUpSsrcsDoNotUseUpTheStreamsOfAParticipant() {
        SrtpKeyingMaterial keys = keys(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        SrtpSession gateway = SrtpSession.forDtlsServer(keys);
        SrtpSession participant = SrtpSession.forDtlsClient(keys);
        for (int ssrc = 1; ssrc <= 2 * SrtpSession.MAX_STREAMS_PER_DIRECTION; ssrc++) {
            byte[] forged = rtp(ssrc, 1, 100);
            assertThat(gateway.unprotectRtp(forged, 0, forged.length)).isInstanceOf(SrtpResult.Refused.class);
        }
        byte[] genuine = done(participant.protectRtp(rtp(7, 1, 100), 0, 112));

        assertThat(done(gateway.unprotectRtp(genuine, 0, genuine.length))).isEqualTo(rtp(7, 1, 100));
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        SrtpKeyingMaterial keys = keys(SrtpProfile.SRTP_AEAD_AES_256_GCM);
        SrtpSession gateway = SrtpSession.forDtlsServer(keys);
        Random garbage = new Random(7983);
        for (int round = 0; round < 5_000; round++) {
            byte[] datagram = new byte[garbage.nextInt(300)];
            garbage.nextBytes(datagram);
            int offset = garbage.nextInt(3) - 1;
            int length = datagram.length - garbage.nextInt(3);

            assertThat(gateway.unprotectRtp(datagram, offset, length)).isInstanceOf(SrtpResult.Refused.class);
            assertThat(gateway.unprotectRtcp(datagram, offset, length)).isInstanceOf(SrtpResult.Refused.class);
            assertThat(gateway.protectRtp(datagram, offset, length)).isNotNull();
            assertThat(gateway.protectRtcp(datagram, offset, length)).isNotNull();
        }
        assertThat(gateway.unprotectRtp(null, 0, 0)).isEqualTo(new SrtpResult.Refused(SrtpRefusal.MALFORMED));
        assertThat(gateway.protectRtcp(new byte[3], 0, 3)).isEqualTo(new SrtpResult.Refused(SrtpRefusal.MALFORMED));
    }

    @Test
    void keysAreNeverPrinted() {
        SrtpKeyingMaterial keys = keys(SrtpProfile.SRTP_AEAD_AES_128_GCM);
        String hex = java.util.HexFormat.of().formatHex(keys.clientKey());

        assertThat(keys.toString()).doesNotContainIgnoringCase(hex).contains("redacted");
        assertThat(SrtpSession.forDtlsServer(keys).toString()).doesNotContainIgnoringCase(hex);
    }
}
