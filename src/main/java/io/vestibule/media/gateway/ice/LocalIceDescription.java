package io.vestibule.media.gateway.ice;

import java.util.ArrayList;
import java.util.List;

/**
 * What our SDP says about a participant's transport: credentials and host candidates. The gateway runs full ICE as
 * the controlled agent, so there is no {@code a=ice-lite}.
 *
 * @param candidates candidate lines without the {@code a=} prefix, as trickle ICE carries them
 */
public record LocalIceDescription(String ufrag, String password, List<String> candidates) {
    public LocalIceDescription {
        candidates = List.copyOf(candidates);
    }

    /** The media-level attribute lines: {@code a=ice-ufrag}, {@code a=ice-pwd}, one {@code a=candidate} per candidate. */
    public List<String> sdpAttributes() {
        List<String> lines = new ArrayList<>();
        lines.add("a=ice-ufrag:" + ufrag);
        lines.add("a=ice-pwd:" + password);
        candidates.forEach(candidate -> lines.add("a=" + candidate));
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return "LocalIceDescription[ufrag=" + ufrag + ", candidates=" + candidates + "]";
    }
}
