package io.vestibule.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A parsed session description (RFC 8866): the session-level attributes and the media sections, in order. Only
 * what the DTLS-SRTP policy reads is kept; the text that was checked is what gets relayed.
 */
public record SessionDescription(List<SdpAttribute> attributes, List<MediaSection> media) {

    public SessionDescription {
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    public List<String> values(String attribute) {
        return attributes.stream().filter(a -> a.name().equals(attribute)).flatMap(a -> a.value().stream()).toList();
    }

    /** The media section's own value of an attribute, or the session's when the section has none. */
    public Optional<String> valueFor(MediaSection section, String attribute) {
        return section.value(attribute).or(() -> values(attribute).stream().findFirst());
    }

    /** The media section's values of an attribute, or the session's when the section has none. */
    public List<String> valuesFor(MediaSection section, String attribute) {
        List<String> own = section.values(attribute);
        return own.isEmpty() ? values(attribute) : own;
    }

    public boolean hasAnywhere(String attribute) {
        return attributes.stream().anyMatch(a -> a.name().equals(attribute)) || media.stream().anyMatch(m -> m.has(attribute));
    }
}
