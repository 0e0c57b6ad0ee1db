package io.vestibule.media.sdp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The RTP sources (SSRCs) a description says its party will send: those of the media sections it sends on, from
 * {@code a=ssrc} (RFC 5576 §4.1) and {@code a=ssrc-group} (§4.2, such as a video source and its retransmissions).
 * The gateway forwards RTP only from the sources its sender announced, so no participant can send as another.
 */
public final class AnnouncedSources {
    private static final Pattern SOURCE = Pattern.compile("[0-9]{1,10}");
    private static final long LARGEST = 0xFFFF_FFFFL;
    private static final List<String> DIRECTIONS = List.of("sendrecv", "sendonly", "recvonly", "inactive");

    private AnnouncedSources() {
    }

    public static Set<Long> of(SessionDescription description) throws SdpRefused {
        Set<Long> sources = new LinkedHashSet<>();
        for (MediaSection section : description.media()) {
            if (section.disabled() || !section.carriesRtp() || !sends(description, section)) {
                continue;
            }
            for (String line : section.values("ssrc")) {
                sources.add(source(line.split(" ", 2)[0]));
            }
            for (String group : section.values("ssrc-group")) {
                String[] parts = group.split(" ");
                for (int i = 1; i < parts.length; i++) {
                    sources.add(source(parts[i]));
                }
            }
        }
        return sources;
    }

    /** Whether the section's direction (its own, else the session's, else sendrecv: RFC 3264 §5.1) includes sending. */
    private static boolean sends(SessionDescription description, MediaSection section) {
        String direction = DIRECTIONS.stream().filter(section::has).findFirst()
                .or(() -> DIRECTIONS.stream().filter(name -> description.attributes().stream().anyMatch(a -> a.name().equals(name))).findFirst())
                .orElse("sendrecv");
        return direction.equals("sendrecv") || direction.equals("sendonly");
    }

    private static long source(String text) throws SdpRefused {
        if (!SOURCE.matcher(text).matches() || Long.parseLong(text) > LARGEST) {
            throw new SdpRefused(SdpRule.SOURCES, "a source (a=ssrc) is not a 32-bit number");
        }
        return Long.parseLong(text);
    }
}
