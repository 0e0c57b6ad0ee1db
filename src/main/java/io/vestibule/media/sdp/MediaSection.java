package io.vestibule.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One {@code m=} section: {@code m=<kind> <port> <transport> <format>…} and its attributes.
 *
 * @param kind      {@code audio}, {@code video}, {@code application}, …
 * @param port      0 for a section that is rejected or disabled
 * @param transport the protocol, such as {@code UDP/TLS/RTP/SAVPF}
 * @param formats   RTP payload types, or {@code webrtc-datachannel} for data
 */
public record MediaSection(String kind, int port, String transport, List<String> formats, List<SdpAttribute> attributes) {

    public MediaSection {
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
    }

    /** Port 0 turns a section off, except a bundle-only one (RFC 8843), which rides on the bundle's transport. */
    public boolean disabled() {
        return port == 0 && !has("bundle-only");
    }

    public boolean carriesRtp() {
        return transport.contains("RTP/");
    }

    public List<String> values(String attribute) {
        return attributes.stream().filter(a -> a.name().equals(attribute)).flatMap(a -> a.value().stream()).toList();
    }

    public Optional<String> value(String attribute) {
        return values(attribute).stream().findFirst();
    }

    public boolean has(String attribute) {
        return attributes.stream().anyMatch(a -> a.name().equals(attribute));
    }
}
