package io.vestibule.media.sdp;

import java.util.Optional;

/** An {@code a=} line: {@code a=name} (a flag) or {@code a=name:value}. */
public record SdpAttribute(String name, Optional<String> value) {

    static SdpAttribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0
                ? new SdpAttribute(text, Optional.empty())
                : new SdpAttribute(text.substring(0, colon), Optional.of(text.substring(colon + 1)));
    }
}
