package io.vestibule.media.gateway.ice;

import java.net.InetSocketAddress;

/**
 * Receives every datagram that is not STUN (DTLS, RTP, RTCP) from a remote address ICE has validated. It is called on
 * the UDP port's single receiving thread, which serves every participant on that port: it must hand the datagram on
 * and return, never block.
 */
@FunctionalInterface
public interface DatagramListener {
    /** The datagram is the listener's to keep; nobody else holds it. */
    void received(byte[] datagram, InetSocketAddress from);
}
