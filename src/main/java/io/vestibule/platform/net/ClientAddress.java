package io.vestibule.platform.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request comes from, for the break-in guard and the audit trail (R-BRUTE-3).
 *
 * <p>{@code X-Forwarded-For} is believed only when the direct peer is a trusted proxy: anyone else can write
 * anything into it. Each proxy appends the address it received the request from, so the chain is read from the
 * right; addresses of trusted proxies are passed over and the first untrusted one is the client. An entry that is
 * not an IP literal ends the walk at the last trusted hop, since everything left of it was written by someone we
 * do not trust — never the left-most entry, which the client chose itself.
 */
public final class ClientAddress {
    /** More trusted hops than any real deployment has; a longer chain ends at the last hop reached. */
    static final int MOST_HOPS = 32;
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private ClientAddress() {
    }

    /**
     * @param directPeer the address of the TCP peer ({@code HttpServletRequest.getRemoteAddr()})
     * @param forwardedForHeaderValues every {@code X-Forwarded-For} header of the request, in the order received
     * @throws IllegalArgumentException if the direct peer is not an IP address
     */
    public static InetAddress resolve(String directPeer, List<String> forwardedForHeaderValues, AddressRanges trustedProxies) {
        InetAddress peer = entry(directPeer)
                .orElseThrow(() -> new IllegalArgumentException("The direct peer is not an IP address"));
        if (forwardedForHeaderValues == null || forwardedForHeaderValues.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        for (String value : forwardedForHeaderValues) {
            if (value != null) {
                chain.addAll(List.of(value.split(",", -1)));
            }
        }
        InetAddress hop = peer;
        for (int i = chain.size() - 1, walked = 0; i >= 0 && walked < MOST_HOPS; i--, walked++) {
            Optional<InetAddress> forwarded = entry(chain.get(i));
            if (forwarded.isEmpty()) {
                return hop;
            }
            if (!trustedProxies.contains(forwarded.get())) {
                return forwarded.get();
            }
            hop = forwarded.get();
        }
        return hop;
    }

    /** One address as proxies write it: with or without a port ({@code 192.0.2.1:5678}, {@code [2001:db8::1]:443}). */
    static Optional<InetAddress> entry(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String address = text.strip();
        int colon = address.indexOf(':');
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0 || !isPortSuffix(address.substring(close + 1))) {
                return Optional.empty();
            }
            address = address.substring(1, close);
        } else if (colon >= 0 && colon == address.lastIndexOf(':')) {
            // One colon: IPv4 with a port (an IPv6 address has at least two).
            if (!PORT.matcher(address.substring(colon + 1)).matches()) {
                return Optional.empty();
            }
            address = address.substring(0, colon);
        }
        int zone = address.indexOf('%');
        if (zone >= 0 && address.contains(":")) {
            // Containers may report a link-local peer with its zone ("fe80:0:0:0:0:0:0:1%1"); the zone names no one.
            address = address.substring(0, zone);
        }
        return IpLiteral.parse(address);
    }

    private static boolean isPortSuffix(String suffix) {
        return suffix.isEmpty() || (suffix.startsWith(":") && PORT.matcher(suffix.substring(1)).matches());
    }
}
