package io.vestibule.media.gateway;

import java.util.concurrent.atomic.LongAdder;

/** What one participant's transport carried, each way, for its call record and the gateway's metrics. */
final class MediaTraffic {
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** A snapshot. {@code dropped}: datagrams that failed decryption, were not sane, or came before the keys. */
    record Totals(long packetsIn, long bytesIn, long packetsOut, long bytesOut, long dropped) {
    }

    void received(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    void sent(int bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }

    void dropped() {
        dropped.increment();
    }

    Totals totals() {
        return new Totals(packetsIn.sum(), bytesIn.sum(), packetsOut.sum(), bytesOut.sum(), dropped.sum());
    }
}
