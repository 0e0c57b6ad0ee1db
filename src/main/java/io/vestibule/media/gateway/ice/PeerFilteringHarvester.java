package io.vestibule.media.gateway.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.util.Buffer;

/**
 * A shared media port that answers the connectivity checks of browsers on the allowed networks only
 * ({@code VESTIBULE_MEDIA_ALLOWED_PEERS}): a check from elsewhere opens no session and gets no answer, so media can
 * only ever flow with addresses the operator expects.
 */
final class PeerFilteringHarvester extends SinglePortUdpHarvester {
    private final Predicate<InetSocketAddress> allowed;
    private final LongAdder refused = new LongAdder();

    PeerFilteringHarvester(TransportAddress localAddress, Predicate<InetSocketAddress> allowed) throws IOException {
        super(localAddress);
        this.allowed = allowed;
    }

    @Override
    protected MySocket maybeAcceptNewSession(Buffer buf, InetSocketAddress remoteAddress, String ufrag) {
        if (!allowed.test(remoteAddress)) {
            refused.increment();
            return null;
        }
        return super.maybeAcceptNewSession(buf, remoteAddress, ufrag);
    }

    /** Checks not answered because they came from outside the allowed networks. */
    long refusedPeers() {
        return refused.sum();
    }
}
