package io.vestibule.media.sdp;

import java.util.LinkedHashSet;
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

    private AnnouncedSources() {
    }

    public static Set<Long> of(SessionDescription description) throws SdpRefused {
        Set<Long> sources = new LinkedHashSet<>();
        for (MediaSection section : description.media()) {
            if (section.disabled() || !section.carriesRtp() || !Directions.sends(description, section)) {
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

    private static long source(String text) throws SdpRefused {
        if (!SOURCE.matcher(text).matches() || Long.parseLong(text) > LARGEST) {
            throw new SdpRefused(SdpRule.SOURCES, "a source (a=ssrc) is not a 32-bit number");
        }
        return Long.parseLong(text);
    }
}
