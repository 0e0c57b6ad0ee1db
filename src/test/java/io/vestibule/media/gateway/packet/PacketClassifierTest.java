package io.vestibule.media.gateway.packet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PacketClassifierTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0, STUN", "1, 1, STUN", "3, 0, STUN",
            "16, 0, ZRTP", "19, 0, ZRTP",
            "20, 254, DTLS", "22, 254, DTLS", "63, 0, DTLS",
            "64, 0, TURN_CHANNEL", "79, 0, TURN_CHANNEL",
            "128, 111, RTP", "144, 96, RTP", "191, 0, RTP", "128, 255, RTP",
            "128, 200, RTCP", "129, 201, RTCP", "128, 192, RTCP", "128, 223, RTCP",
            "4, 0, UNKNOWN", "15, 0, UNKNOWN", "80, 0, UNKNOWN", "127, 0, UNKNOWN", "192, 0, UNKNOWN", "255, 0, UNKNOWN"})
    void theFirstByteTellsTheProtocolAndTheSecondTellsRtcpFromRtp(int first, int second, PacketKind expected) {
        byte[] datagram = new byte[40];
        datagram[0] = (byte) first;
        datagram[1] = (byte) second;

        assertThat(PacketClassifier.classify(datagram)).isEqualTo(expected);
    }

    @Test
    void nothingAndTooLittleAreUnknown() {
        assertThat(PacketClassifier.classify(null)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(new byte[0])).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(new byte[] {(byte) 0x80})).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(new byte[] {(byte) 0x80, 96, 0, 1})).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(new byte[] {(byte) 0x80, (byte) 200, 0, 1})).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(new byte[] {22})).isEqualTo(PacketKind.DTLS);
    }

    @Test
    void aRangeOutsideTheArrayIsUnknownNotAnException() {
        byte[] datagram = new byte[] {22, (byte) 254, 23};

        assertThat(PacketClassifier.classify(datagram, -1, 2)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(datagram, 2, 2)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(datagram, 0, Integer.MAX_VALUE)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(datagram, Integer.MAX_VALUE, 1)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(datagram, 3, 0)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketClassifier.classify(datagram, 2, 1)).isEqualTo(PacketKind.DTLS);
    }

    @Test
    void aHugeDatagramIsClassifiedByItsFirstBytes() {
        byte[] huge = new byte[1 << 20];
        huge[0] = (byte) 0x80;
        huge[1] = 96;

        assertThat(PacketClassifier.classify(huge)).isEqualTo(PacketKind.RTP);
    }
}
