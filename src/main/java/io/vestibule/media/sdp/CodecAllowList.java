package io.vestibule.media.sdp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The codecs a media section may offer or accept, by media kind, as RTP encoding names (compared without case).
 * The standard list is what current Chromium and Firefox offer for calls, and nothing else: a payload type outside it
 * refuses the whole description rather than passing on a codec nobody reviewed.
 */
public record CodecAllowList(Map<String, Set<String>> byKind) {
    /** RFC 3551's static payload types that browsers offer without an rtpmap line. */
    private static final Map<Integer, String> STATIC_PAYLOAD_TYPES = Map.of(0, "pcmu", 8, "pcma", 9, "g722", 13, "cn");

    public CodecAllowList {
        byKind = byKind.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> entry.getValue().stream().map(CodecAllowList::normalised).collect(Collectors.toUnmodifiableSet())));
    }

    public static CodecAllowList standard() {
        return new CodecAllowList(Map.of(
                "audio", Set.of("opus", "red", "G722", "PCMU", "PCMA", "CN", "telephone-event"),
                "video", Set.of("VP8", "VP9", "H264", "AV1", "rtx", "red", "ulpfec", "flexfec-03")));
    }

    public boolean allows(String kind, String encodingName) {
        return byKind.getOrDefault(kind, Set.of()).contains(normalised(encodingName));
    }

    /** The encoding a static payload type stands for when the description has no rtpmap for it. */
    static Optional<String> staticEncoding(int payloadType) {
        return Optional.ofNullable(STATIC_PAYLOAD_TYPES.get(payloadType));
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
