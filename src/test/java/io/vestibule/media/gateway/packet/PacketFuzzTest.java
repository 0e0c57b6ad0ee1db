package io.vestibule.media.gateway.packet;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated datagrams never make the classifier or the RTP reader throw, and their answers agree with each
 * other. The seed is fixed and printed; {@code -Dvestibule.fuzz.seed=N} runs another.
 */
class PacketFuzzTest {
    private static final int ROUNDS = 50_000;

    private final long seed = Long.getLong("vestibule.fuzz.seed", 20_261_205L);
    private final Random random = new Random(seed);

    @Test
    void randomDatagramsNeverThrowAndAreClassifiedConsistently() {
        System.out.println("PacketFuzzTest seed " + seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] datagram = new byte[randomLength()];
            random.nextBytes(datagram);
            int offset = datagram.length == 0 ? 0 : random.nextInt(datagram.length + 1);
            int length = random.nextInt(datagram.length - offset + 1);

            checkConsistent(datagram, offset, length);
            checkConsistent(datagram, random.nextInt(), random.nextInt());
        }
    }

    @Test
    void mutatedRtpPacketsNeverThrowAndAreClassifiedConsistently() {
        System.out.println("PacketFuzzTest seed " + seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] packet = RtpHeaderTest.rtp(random.nextInt(4), random.nextInt(4) - 1, random.nextInt(200), random.nextInt(3));
            for (int flips = random.nextInt(4); flips >= 0; flips--) {
                packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(packet.length + 1) : packet.length;

            checkConsistent(packet, 0, length);
        }
    }

    private int randomLength() {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2 + random.nextInt(12);
            case 3 -> 1500 + random.nextInt(70_000);
            default -> random.nextInt(1500);
        };
    }

    private void checkConsistent(byte[] datagram, int offset, int length) {
        PacketKind kind = PacketClassifier.classify(datagram, offset, length);
        RtpHeader.Reading reading = RtpHeader.read(datagram, offset, length);
        assertThat(kind).isNotNull();
        assertThat(PacketClassifier.classify(datagram, offset, length)).isEqualTo(kind);
        if (reading instanceof RtpHeader.Sane sane) {
            // A sane RTP header starts 0b10 and is 12 bytes or more, so it is RTP or RTCP by RFC 7983 and 5761.
            assertThat(kind).as("seed %d", seed).isIn(PacketKind.RTP, PacketKind.RTCP);
            RtpHeader header = sane.header();
            assertThat(header.headerLength()).as("seed %d", seed).isBetween(12, length);
            assertThat(header.payloadLength()).as("seed %d", seed).isBetween(0, length - header.headerLength());
            assertThat(header.ssrc()).isBetween(0L, 0xFFFF_FFFFL);
        }
        if (kind == PacketKind.RTP) {
            assertThat(reading).as("seed %d", seed).isNotEqualTo(new RtpHeader.Refused(RtpRefusal.TOO_SHORT))
                    .isNotEqualTo(new RtpHeader.Refused(RtpRefusal.NOT_VERSION_2));
        }
    }
}
