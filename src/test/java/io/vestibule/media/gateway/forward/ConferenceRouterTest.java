package io.vestibule.media.gateway.forward;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConferenceRouterTest {
    private static final long ALICE_AUDIO = 0x1111_0001L;
    private static final long ALICE_VIDEO = 0x1111_0002L;
    private static final long BOB_VIDEO = 0x2222_0002L;

    private final ForwardingCounters counters = new ForwardingCounters();
    private final ConferenceRouter router = new ConferenceRouter(8, counters);
    private final RecordingSink alice = new RecordingSink();
    private final RecordingSink bob = new RecordingSink();
    private final RecordingSink carol = new RecordingSink();

    private void admitAll() throws SourceConflict {
        router.admit("alice", Set.of(ALICE_AUDIO, ALICE_VIDEO), alice);
        router.admit("bob", Set.of(BOB_VIDEO), bob);
        router.admit("carol", Set.of(), carol);
    }

    private static byte[] rtp(long ssrc, int sequence) {
        return ByteBuffer.allocate(1200).put((byte) 0x80).put((byte) 96).putShort((short) sequence).putInt(3000)
                .putInt((int) ssrc).array();
    }

    @Test
    void aPacketGoesToEveryOtherAdmittedParticipantUnchanged() throws SourceConflict {
        admitAll();
        byte[] packet = rtp(ALICE_VIDEO, 1);

        assertThat(router.rtpFrom("alice", ALICE_VIDEO, packet, 0, packet.length)).isEmpty();

        assertThat(bob.rtp).singleElement().isEqualTo(packet);
        assertThat(carol.rtp).singleElement().isEqualTo(packet);
        assertThat(alice.rtp).as("never back to its sender").isEmpty();
        assertThat(counters.totals().packetsOut()).isEqualTo(2);
        assertThat(counters.totals().bytesOut()).isEqualTo(2400);
    }

    @Test
    void onlyTheRangeGivenIsForwarded() throws SourceConflict {
        admitAll();
        byte[] buffer = new byte[1300];
        byte[] packet = rtp(BOB_VIDEO, 9);
        System.arraycopy(packet, 0, buffer, 40, packet.length);

        router.rtpFrom("bob", BOB_VIDEO, buffer, 40, packet.length);

        assertThat(alice.rtp).singleElement().isEqualTo(packet);
    }

    @Test
    void aSourceTheSenderDidNotAnnounceIsDropped() throws SourceConflict {
        admitAll();
        byte[] asBob = rtp(BOB_VIDEO, 1);
        byte[] unannounced = rtp(0x9999L, 1);

        assertThat(router.rtpFrom("alice", BOB_VIDEO, asBob, 0, asBob.length)).contains(DropReason.FOREIGN_SSRC);
        assertThat(router.rtpFrom("carol", 0x9999L, unannounced, 0, unannounced.length)).contains(DropReason.FOREIGN_SSRC);

        assertThat(alice.rtp).isEmpty();
        assertThat(bob.rtp).isEmpty();
        assertThat(carol.rtp).isEmpty();
        assertThat(counters.totals().dropped()).containsEntry(DropReason.FOREIGN_SSRC, 2L);
    }

    @Test
    void noOneMayAnnounceAnotherParticipantsSourceOrTooMany() throws SourceConflict {
        admitAll();
        RecordingSink mallory = new RecordingSink();

        assertThatExceptionOfType(SourceConflict.class).isThrownBy(() -> router.admit("mallory", Set.of(ALICE_VIDEO), mallory));
        assertThatExceptionOfType(SourceConflict.class).isThrownBy(() -> router.announce("bob", Set.of(BOB_VIDEO, ALICE_AUDIO)));
        assertThatExceptionOfType(SourceConflict.class)
                .isThrownBy(() -> router.admit("mallory", Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), mallory));

        byte[] packet = rtp(ALICE_VIDEO, 2);
        router.rtpFrom("alice", ALICE_VIDEO, packet, 0, packet.length);
        assertThat(mallory.rtp).as("a refused admission receives nothing").isEmpty();
        assertThat(router.admitted()).isEqualTo(3);
    }

    @Test
    void aRemovedParticipantNeitherSendsNorReceives() throws SourceConflict {
        admitAll();
        router.remove("bob");
        byte[] fromBob = rtp(BOB_VIDEO, 1);
        byte[] fromAlice = rtp(ALICE_AUDIO, 1);

        assertThat(router.rtpFrom("bob", BOB_VIDEO, fromBob, 0, fromBob.length)).contains(DropReason.NOT_ADMITTED);
        router.rtpFrom("alice", ALICE_AUDIO, fromAlice, 0, fromAlice.length);

        assertThat(bob.rtp).isEmpty();
        assertThat(alice.rtp).isEmpty();
        assertThat(carol.rtp).singleElement().isEqualTo(fromAlice);
    }

    @Test
    void aRemovedParticipantsSourcesAreFreeForSomeoneElse() throws SourceConflict {
        admitAll();
        router.remove("bob");
        RecordingSink dave = new RecordingSink();

        router.admit("dave", Set.of(BOB_VIDEO), dave);

        byte[] packet = rtp(BOB_VIDEO, 1);
        assertThat(router.rtpFrom("dave", BOB_VIDEO, packet, 0, packet.length)).isEmpty();
        assertThat(alice.rtp).hasSize(1);
    }

    @Test
    void aRenegotiationReplacesTheSources() throws SourceConflict {
        admitAll();
        assertThat(router.announce("carol", Set.of(0x3333L))).isTrue();
        assertThat(router.announce("nobody", Set.of(0x4444L))).isFalse();

        byte[] packet = rtp(0x3333L, 1);
        assertThat(router.rtpFrom("carol", 0x3333L, packet, 0, packet.length)).isEmpty();
        assertThat(alice.rtp).hasSize(1);
        assertThat(bob.rtp).hasSize(1);
    }

    @Test
    void aLossReportReachesOnlyTheSenderOfTheSourceItIsAbout() throws SourceConflict {
        admitAll();
        byte[] pli = RtcpBytes.pictureLoss(BOB_VIDEO, ALICE_VIDEO);
        byte[] nack = RtcpBytes.nack(1, BOB_VIDEO);
        byte[] fir = RtcpBytes.fullIntraRequest(1, ALICE_VIDEO);

        assertThat(router.rtcpFrom("bob", pli, 0, pli.length)).isEmpty();
        assertThat(router.rtcpFrom("carol", nack, 0, nack.length)).isEmpty();
        assertThat(router.rtcpFrom("carol", fir, 0, fir.length)).isEmpty();

        assertThat(alice.rtcp).containsExactly(pli, fir);
        assertThat(bob.rtcp).containsExactly(nack);
        assertThat(carol.rtcp).isEmpty();
    }

    @Test
    void aBandwidthEstimateReachesEachSenderItNamesOnce() throws SourceConflict {
        admitAll();
        byte[] remb = RtcpBytes.remb(1, ALICE_AUDIO, ALICE_VIDEO, BOB_VIDEO);

        assertThat(router.rtcpFrom("carol", remb, 0, remb.length)).isEmpty();

        assertThat(alice.rtcp).containsExactly(remb);
        assertThat(bob.rtcp).containsExactly(remb);
    }

    @Test
    void aCompoundPacketIsSplitSenderReportsToAllFeedbackToItsSenderReceiverReportsEndHere() throws SourceConflict {
        admitAll();
        byte[] report = RtcpBytes.senderReport(ALICE_VIDEO);
        byte[] receiverReport = RtcpBytes.receiverReport(ALICE_VIDEO);
        byte[] pli = RtcpBytes.pictureLoss(ALICE_VIDEO, BOB_VIDEO);
        byte[] compound = RtcpBytes.compound(report, receiverReport, pli);

        assertThat(router.rtcpFrom("alice", compound, 0, compound.length)).containsExactly(DropReason.TERMINATED);

        assertThat(bob.rtcp).containsExactly(report, pli);
        assertThat(carol.rtcp).containsExactly(report);
        assertThat(alice.rtcp).isEmpty();
    }

    @Test
    void forgedReportsAndFeedbackAboutNoOneGoNowhere() throws SourceConflict {
        admitAll();
        byte[] forgedReport = RtcpBytes.senderReport(BOB_VIDEO);
        byte[] aboutNobody = RtcpBytes.pictureLoss(1, 0x7777L);
        byte[] aboutItself = RtcpBytes.pictureLoss(ALICE_VIDEO, ALICE_VIDEO);
        byte[] transportWide = RtcpBytes.transportWide(1, ALICE_VIDEO);

        assertThat(router.rtcpFrom("alice", forgedReport, 0, forgedReport.length)).containsExactly(DropReason.FOREIGN_SSRC);
        assertThat(router.rtcpFrom("carol", aboutNobody, 0, aboutNobody.length)).containsExactly(DropReason.UNKNOWN_SOURCE);
        assertThat(router.rtcpFrom("alice", aboutItself, 0, aboutItself.length)).containsExactly(DropReason.UNKNOWN_SOURCE);
        assertThat(router.rtcpFrom("bob", transportWide, 0, transportWide.length)).containsExactly(DropReason.TERMINATED);

        assertThat(List.of(alice.rtcp, bob.rtcp, carol.rtcp)).allSatisfy(received -> assertThat(received).isEmpty());
    }

    @Test
    void rtcpFromSomeoneNotAdmittedOrMalformedIsDropped() throws SourceConflict {
        admitAll();
        byte[] pli = RtcpBytes.pictureLoss(1, ALICE_VIDEO);
        byte[] truncated = RtcpBytes.compound(RtcpBytes.senderReport(BOB_VIDEO), new byte[] {(byte) 0x80, (byte) 206, 0, 9});

        assertThat(router.rtcpFrom("mallory", pli, 0, pli.length)).containsExactly(DropReason.NOT_ADMITTED);
        assertThat(router.rtcpFrom("bob", truncated, 0, truncated.length)).containsExactly(DropReason.MALFORMED_RTCP);

        assertThat(alice.rtcp).isEmpty();
        assertThat(carol.rtcp).as("not even the sound first packet of a malformed compound").isEmpty();
    }
}
