package io.vestibule.media.gateway.negotiation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.vestibule.media.sdp.Directions;
import io.vestibule.media.sdp.MediaSection;
import io.vestibule.media.sdp.SessionDescription;

/**
 * A track a participant sends: its kind, its source (SSRC) and, for video, the source of its retransmissions (an
 * {@code a=ssrc-group:FID}, RFC 5576 §4.2). The sources were checked by {@code AnnouncedSources} before.
 */
public record PublishedTrack(String kind, long source, OptionalLong retransmissions) {

    /** The tracks of the sections the offer sends on, in order. */
    public static List<PublishedTrack> of(SessionDescription offer) {
        List<PublishedTrack> tracks = new ArrayList<>();
        for (MediaSection section : offer.media()) {
            if (section.disabled() || !section.carriesRtp() || !Directions.sends(offer, section)) {
                continue;
            }
            List<String> group = section.values("ssrc-group").stream().filter(value -> value.startsWith("FID ")).findFirst()
                    .map(value -> List.of(value.split(" "))).orElse(List.of());
            if (group.size() == 3) {
                tracks.add(new PublishedTrack(section.kind(), Long.parseLong(group.get(1)), OptionalLong.of(Long.parseLong(group.get(2)))));
            } else {
                section.values("ssrc").stream().findFirst()
                        .ifPresent(line -> tracks.add(new PublishedTrack(section.kind(), Long.parseLong(line.split(" ", 2)[0]), OptionalLong.empty())));
            }
        }
        return tracks;
    }
}
