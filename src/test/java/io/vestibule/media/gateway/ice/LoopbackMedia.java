package io.vestibule.media.gateway.ice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Media settings for tests: 127.0.0.1 only, on ports found free. ice4j's consent timeout is set once per process, so
 * every test uses {@link #CONSENT_TIMEOUT}.
 */
public final class LoopbackMedia {
    static final Duration ICE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(3);

    private LoopbackMedia() {
    }

    public static MediaSettings settings(int ports) {
        return settings(ports, Optional.empty());
    }

    static MediaSettings settings(int ports, Optional<InetAddress> advertisedAddress) {
        int first = freePorts(ports);
        return new MediaSettings(InetAddress.getLoopbackAddress(), first, first + ports - 1, advertisedAddress, ICE_TIMEOUT,
                CONSENT_TIMEOUT, Optional.empty());
    }

    public static IcePorts bind(int ports) throws IOException {
        return IcePorts.bind(settings(ports));
    }

    /** The first of {@code count} consecutive UDP ports of 127.0.0.1 that are free now. */
    static int freePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 60000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("No " + count + " consecutive free UDP ports on 127.0.0.1");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                probe.getLocalPort();
            } catch (SocketException e) {
                return false;
            }
        }
        return true;
    }
}
