package io.vestibule.media.gateway.negotiation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.vestibule.media.sdp.Directions;
import io.vestibule.media.sdp.MediaSection;
import io.vestibule.media.sdp.SessionDescription;

/**
 * The gateway's answer to a participant's offer (RFC 8829 §5.3): one bundled transport on the gateway's ICE
 * credentials and candidates, the gateway as DTLS server ({@code setup:passive}, RFC 5763), Opus and VP8 only, no
 * header extensions (the gateway forwards packets unchanged but for their payload type, and extension numbers differ
 * between browsers). A section the participant sends on is received; a section it only receives on carries one
 * other participant's track, named with its sources so the browser can tell the tracks apart on the one transport;
 * data channels are declined. The participant always offers: to receive a new track it adds a receiving section
 * and offers again.
 */
public final class GatewayAnswer {
    private static final String CRLF = "\r\n";

    private GatewayAnswer() {
    }

    /** The answer's text, and which track each sending section carries (by mid). */
    public record Answer(String sdp, Map<String, RemoteTrack> sending) {
    }

    /**
     * @param previous which track each section carried in the last answer: a track still sent keeps its section, so
     *                 the participant's tiles do not change places when someone else comes or goes
     */
    public static Answer to(SessionDescription offer, LocalTransport local, PayloadTypes types, List<RemoteTrack> toSend,
                            Map<String, RemoteTrack> previous, long sessionId, long version) {
        Map<String, RemoteTrack> kept = new LinkedHashMap<>(previous);
        kept.values().retainAll(toSend);
        Map<String, Deque<RemoteTrack>> waiting = new LinkedHashMap<>();
        toSend.stream().filter(remote -> !kept.containsValue(remote))
                .forEach(remote -> waiting.computeIfAbsent(remote.track().kind(), kind -> new ArrayDeque<>()).add(remote));
        Map<String, RemoteTrack> sending = new LinkedHashMap<>();
        List<String> bundled = new ArrayList<>();
        StringBuilder sections = new StringBuilder();
        for (MediaSection section : offer.media()) {
            String mid = section.value("mid").orElse(String.valueOf(bundled.size()));
            boolean forwarded = section.carriesRtp() && !section.disabled()
                    && (section.kind().equals("audio") || section.kind().equals("video"));
            if (!forwarded) {
                sections.append("m=").append(section.kind()).append(" 0 ").append(section.transport()).append(' ')
                        .append(String.join(" ", section.formats())).append(CRLF).append("c=IN IP4 0.0.0.0").append(CRLF)
                        .append("a=mid:").append(mid).append(CRLF);
                continue;
            }
            String direction;
            RemoteTrack carried = null;
            if (Directions.sends(offer, section)) {
                direction = "recvonly";
            } else if (Directions.receives(offer, section) && kept.containsKey(mid) && kept.get(mid).track().kind().equals(section.kind())) {
                carried = kept.get(mid);
                sending.put(mid, carried);
                direction = "sendonly";
            } else if (Directions.receives(offer, section) && !kept.containsKey(mid)
                    && waiting.containsKey(section.kind()) && !waiting.get(section.kind()).isEmpty()) {
                carried = waiting.get(section.kind()).poll();
                sending.put(mid, carried);
                direction = "sendonly";
            } else {
                direction = "inactive";
            }
            appendSection(sections, section.kind(), mid, direction, carried, local, types, bundled.isEmpty());
            bundled.add(mid);
        }
        StringBuilder sdp = new StringBuilder()
                .append("v=0").append(CRLF)
                .append("o=vestibule ").append(sessionId).append(' ').append(version).append(" IN IP4 0.0.0.0").append(CRLF)
                .append("s=-").append(CRLF)
                .append("t=0 0").append(CRLF);
        if (local.lite()) {
            sdp.append("a=ice-lite").append(CRLF);
        }
        if (!bundled.isEmpty()) {
            sdp.append("a=group:BUNDLE ").append(String.join(" ", bundled)).append(CRLF);
        }
        sdp.append("a=msid-semantic: WMS *").append(CRLF).append(sections);
        return new Answer(sdp.toString(), Map.copyOf(sending));
    }

    private static void appendSection(StringBuilder sdp, String kind, String mid, String direction, RemoteTrack carried,
                                      LocalTransport local, PayloadTypes types, boolean first) {
        List<Integer> formats = kind.equals("audio") ? List.of(types.opus())
                : types.vp8Retransmission().isPresent() ? List.of(types.vp8(), types.vp8Retransmission().getAsInt()) : List.of(types.vp8());
        sdp.append("m=").append(kind).append(" 9 UDP/TLS/RTP/SAVPF ")
                .append(String.join(" ", formats.stream().map(String::valueOf).toList())).append(CRLF)
                .append("c=IN IP4 0.0.0.0").append(CRLF)
                .append("a=rtcp:9 IN IP4 0.0.0.0").append(CRLF)
                .append("a=ice-ufrag:").append(local.usernameFragment()).append(CRLF)
                .append("a=ice-pwd:").append(local.password()).append(CRLF)
                .append("a=fingerprint:").append(local.fingerprint()).append(CRLF)
                .append("a=setup:passive").append(CRLF)
                .append("a=mid:").append(mid).append(CRLF)
                .append("a=").append(direction).append(CRLF)
                .append("a=rtcp-mux").append(CRLF)
                .append("a=rtcp-rsize").append(CRLF);
        if (kind.equals("audio")) {
            sdp.append("a=rtpmap:").append(types.opus()).append(" opus/48000/2").append(CRLF);
            if (!types.opusParameters().isEmpty()) {
                sdp.append("a=fmtp:").append(types.opus()).append(' ').append(types.opusParameters()).append(CRLF);
            }
        } else {
            int vp8 = types.vp8();
            sdp.append("a=rtpmap:").append(vp8).append(" VP8/90000").append(CRLF);
            for (String feedback : List.of("goog-remb", "ccm fir", "nack", "nack pli")) {
                sdp.append("a=rtcp-fb:").append(vp8).append(' ').append(feedback).append(CRLF);
            }
            types.vp8Retransmission().ifPresent(rtx -> sdp.append("a=rtpmap:").append(rtx).append(" rtx/90000").append(CRLF)
                    .append("a=fmtp:").append(rtx).append(" apt=").append(vp8).append(CRLF));
        }
        if (carried != null) {
            appendSources(sdp, carried, types.vp8Retransmission().isPresent());
        }
        if (first) {
            local.candidates().forEach(candidate -> sdp.append("a=").append(candidate).append(CRLF));
            sdp.append("a=end-of-candidates").append(CRLF);
        }
    }

    /** The track's sources; its retransmissions only when the receiver takes them. */
    private static void appendSources(StringBuilder sdp, RemoteTrack carried, boolean receiverRetransmits) {
        String msid = carried.streamId() + " " + carried.trackId();
        sdp.append("a=msid:").append(msid).append(CRLF);
        long source = carried.track().source();
        OptionalLong retransmissions = receiverRetransmits ? carried.track().retransmissions() : OptionalLong.empty();
        retransmissions.ifPresent(rtx -> sdp.append("a=ssrc-group:FID ").append(source).append(' ').append(rtx).append(CRLF));
        appendSource(sdp, source, carried, msid);
        retransmissions.ifPresent(rtx -> appendSource(sdp, rtx, carried, msid));
    }

    private static void appendSource(StringBuilder sdp, long source, RemoteTrack carried, String msid) {
        sdp.append("a=ssrc:").append(source).append(" cname:").append(carried.participant()).append(CRLF)
                .append("a=ssrc:").append(source).append(" msid:").append(msid).append(CRLF);
    }
}
