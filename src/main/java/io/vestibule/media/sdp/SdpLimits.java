package io.vestibule.media.sdp;

/**
 * How large a session description may be before it is refused unread. A browser's offer for audio, video and data
 * is 5–10 KiB in about 100–150 lines; the limits leave room for many candidates and codecs, not for a flood.
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength, int maxMediaSections) {

    public SdpLimits {
        if (maxBytes < 1 || maxLines < 1 || maxLineLength < 1 || maxMediaSections < 1) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }

    public static SdpLimits standard() {
        return new SdpLimits(64 * 1024, 2000, 4096, 32);
    }
}
