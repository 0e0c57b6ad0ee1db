package io.vestibule.platform.net;

import java.net.InetAddress;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code VESTIBULE_TRUSTED_PROXIES}, R-BRUTE-3); from any
 * other peer the header is ignored.
 */
public record TrustedProxies(AddressRanges ranges) {
    public InetAddress clientOf(String directPeer, List<String> forwardedFor) {
        return ClientAddress.resolve(directPeer, forwardedFor, ranges);
    }
}
