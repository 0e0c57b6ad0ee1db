package io.vestibule.platform.http;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many request bodies each client address is sending at once. Reading a body holds one of the container's
 * worker threads until the last byte arrives, so a client that trickles its bodies could hold them all; past the
 * limit, its next request is refused before its body is read (penetration test, slow-body finding).
 */
public final class UploadsPerAddress {
    private final int limit;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> uploading = new ConcurrentHashMap<>();

    public UploadsPerAddress(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("VESTIBULE_HTTP_MAX_UPLOADS_PER_ADDRESS must be at least 1");
        }
        this.limit = limit;
    }

    /** Counts one more body from the address; false, and nothing counted, when it already sends as many as allowed. */
    public boolean begin(InetAddress client) {
        boolean[] admitted = {false};
        uploading.compute(client, (address, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            admitted[0] = current.get() < limit;
            if (admitted[0]) {
                current.incrementAndGet();
            }
            return current.get() == 0 ? null : current;
        });
        return admitted[0];
    }

    /** The body's request is over, read or not. */
    public void end(InetAddress client) {
        uploading.computeIfPresent(client, (address, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    int sending(InetAddress client) {
        AtomicInteger count = uploading.get(client);
        return count == null ? 0 : count.get();
    }
}
