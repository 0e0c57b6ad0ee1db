package io.vestibule.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.vestibule.media.sdp.SdpRole;

/** The session descriptions captured from real browsers (src/test/resources/sdp/README.md). */
public enum CapturedSdp {
    CHROMIUM_OFFER("chromium-offer.sdp", SdpRole.OFFER),
    CHROMIUM_ANSWER("chromium-answer.sdp", SdpRole.ANSWER),
    FIREFOX_OFFER("firefox-offer.sdp", SdpRole.OFFER),
    FIREFOX_ANSWER("firefox-answer.sdp", SdpRole.ANSWER);

    private final String file;
    private final SdpRole role;

    CapturedSdp(String file, SdpRole role) {
        this.file = file;
        this.role = role;
    }

    public SdpRole role() {
        return role;
    }

    public String text() {
        try (InputStream in = CapturedSdp.class.getResourceAsStream("/sdp/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource sdp/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
