package io.vestibule.media.gateway.forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A receiver in the tests: keeps a copy of what reached it. */
final class RecordingSink implements MediaSink {
    final List<byte[]> rtp = new ArrayList<>();
    final List<byte[]> rtcp = new ArrayList<>();

    @Override
    public synchronized void forwardRtp(byte[] packet, int offset, int length) {
        rtp.add(Arrays.copyOfRange(packet, offset, offset + length));
    }

    @Override
    public synchronized void forwardRtcp(byte[] packet, int offset, int length) {
        rtcp.add(Arrays.copyOfRange(packet, offset, offset + length));
    }
}
