package io.vestibule.media.gateway.ice;

import java.net.InetSocketAddress;

/**
 * Receives every datagram that is not STUN (DTLS, RTP, RTCP) from a remote address ICE has validated. It is called on
 * the UDP port's single receiving thread, which serves every participant on that port: it must hand the datagram on
 * and return, never block.
 */
@FunctionalInterface
public interface DatagramListener {
    /**
     * The datagram is {@code datagram[offset, offset + length)}, lent for this call only: the array goes back to the
     * port's buffers when the call returns, so a listener that keeps any of it copies it. The listener may change the
     * bytes in place (decrypt them) while it runs.
     */
    void received(byte[] datagram, int offset, int length, InetSocketAddress from);
}
