package io.vestibule.media.gateway.forward;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What a router forwarded and dropped, for the gateway's metrics; shared by the routers of all conferences. */
public final class ForwardingCounters {
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    public ForwardingCounters() {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    /** A snapshot: packets received from senders, copies sent to receivers and their bytes, drops by reason. */
    public record Totals(long packetsIn, long packetsOut, long bytesOut, Map<DropReason, Long> dropped) {
    }

    void received() {
        packetsIn.increment();
    }

    void sent(int bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }

    void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public Totals totals() {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, count) -> drops.put(reason, count.sum()));
        return new Totals(packetsIn.sum(), packetsOut.sum(), bytesOut.sum(), Map.copyOf(drops));
    }
}
