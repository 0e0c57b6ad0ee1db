package io.vestibule.media.gateway.forward;

import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RtcpPacketTest {
    @Test
    void aCompoundPacketIsReadPacketByPacket() {
        byte[] compound = RtcpBytes.compound(RtcpBytes.senderReport(0xAAAAL), RtcpBytes.remb(0xAAAAL, 5, 6), RtcpBytes.nack(0xAAAAL, 7));

        assertThat(RtcpPacket.readCompound(compound, 0, compound.length)).hasValueSatisfying(packets -> {
            assertThat(packets).extracting(RtcpPacket::type).containsExactly(200, 206, 205);
            assertThat(packets).extracting(RtcpPacket::offset).containsExactly(0, 28, 28 + 28);
            assertThat(packets.get(1).feedbackSources(compound)).containsExactly(5L, 6L);
            assertThat(packets.get(2).feedbackSources(compound)).containsExactly(7L);
            assertThat(packets.get(0).senderSsrc()).isEqualTo(0xAAAAL);
        });
    }

    @Test
    void lengthsThatDoNotAddUpRefuseTheWholeCompound() {
        byte[] report = RtcpBytes.senderReport(1);
        byte[] wrongVersion = report.clone();
        wrongVersion[0] = 0x40;
        byte[] tooLong = report.clone();
        tooLong[3] = 50;

        assertThat(RtcpPacket.readCompound(wrongVersion, 0, wrongVersion.length)).isEmpty();
        assertThat(RtcpPacket.readCompound(tooLong, 0, tooLong.length)).isEmpty();
        assertThat(RtcpPacket.readCompound(report, 0, report.length - 1)).isEmpty();
        assertThat(RtcpPacket.readCompound(report, 20, 28)).as("a range beyond the array").isEmpty();
        assertThat(RtcpPacket.readCompound(null, 0, 0)).isEmpty();
    }

    @Test
    void aRembThatListsMoreSourcesThanItCarriesIsAboutNoOne() {
        byte[] remb = RtcpBytes.remb(1, 5, 6);
        remb[16] = 40;
        RtcpPacket packet = RtcpPacket.readCompound(remb, 0, remb.length).orElseThrow().get(0);
        assertThat(packet.feedbackSources(remb)).isEmpty();
    }

    /** Random bytes, and valid compounds with random bytes changed, never make the reader or the router throw. */
    @Test
    void noInputMakesTheReaderOrTheRouterThrow() throws SourceConflict {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        ConferenceRouter router = new ConferenceRouter(4, new ForwardingCounters());
        router.admit("a", Set.of(5L, 6L), new RecordingSink());
        router.admit("b", Set.of(7L), new RecordingSink());
        byte[] valid = RtcpBytes.compound(RtcpBytes.senderReport(5), RtcpBytes.remb(5, 6, 7), RtcpBytes.fullIntraRequest(5, 7),
                RtcpBytes.pictureLoss(5, 7));
        for (int round = 0; round < 50_000; round++) {
            byte[] input;
            if (round % 2 == 0) {
                input = new byte[random.nextInt(80)];
                random.nextBytes(input);
                if (input.length > 0) {
                    input[0] = (byte) (0x80 | input[0] & 0x3F);
                }
            } else {
                input = valid.clone();
                for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            byte[] bytes = input;
            int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            assertThatNoException().as("seed %d, round %d", seed, round).isThrownBy(() -> {
                RtcpPacket.readCompound(bytes, 0, bytes.length)
                        .ifPresent(packets -> packets.forEach(packet -> packet.feedbackSources(bytes)));
                router.rtcpFrom("a", bytes, 0, bytes.length);
                router.rtcpFrom("b", bytes, offset, bytes.length - offset);
            });
        }
    }
}
