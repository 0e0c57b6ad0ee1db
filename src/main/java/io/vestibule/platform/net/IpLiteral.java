package io.vestibule.platform.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import io.vestibule.crypto.pki.HostNames;

/**
 * IP addresses written as text. Anything that is not an IP literal is refused before {@link InetAddress} sees it,
 * so no text ever causes a DNS lookup. An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 address it maps.
 */
public final class IpLiteral {
    private static final int LONGEST_LITERAL = 64;
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private IpLiteral() {
    }

    /** The address the text names, or empty when it is not an IP literal. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > LONGEST_LITERAL || !HostNames.isIpLiteral(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(unmapped(InetAddress.getByName(text)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The IPv4 address for an IPv4-mapped IPv6 address; an IPv6 address without its scope; anything else as it is. */
    public static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        try {
            if (Arrays.equals(bytes, 0, MAPPED_PREFIX.length, MAPPED_PREFIX, 0, MAPPED_PREFIX.length)) {
                return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, MAPPED_PREFIX.length, bytes.length));
            }
            return ((Inet6Address) address).getScopeId() == 0 && ((Inet6Address) address).getScopedInterface() == null
                    ? address : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("An address of 4 or 16 bytes is always valid", e);
        }
    }

    /** The canonical text of an address (never a host name, never a reverse lookup). */
    public static String text(InetAddress address) {
        return unmapped(address).getHostAddress();
    }
}
