package io.vestibule.platform.net;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code VESTIBULE_TRUSTED_PROXIES}, R-BRUTE-3); from any
 * other peer the header is ignored.
 */
public record TrustedProxies(AddressRanges ranges) {
    public InetAddress clientOf(String directPeer, List<String> forwardedFor) {
        return ClientAddress.resolve(directPeer, forwardedFor, ranges);
    }

    /** The client of an HTTP request: its peer, or the address that peer forwards when it is a trusted proxy. */
    public InetAddress clientOf(HttpServletRequest request) {
        return clientOf(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }
}
