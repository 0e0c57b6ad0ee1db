package io.vestibule.media.gateway;

import java.util.UUID;

/** How the gateway speaks to a participant's page, through the conference's signaling socket. */
public interface GatewayMessages {
    /** Asks the page to offer again with this many sections to receive others' audio and video. */
    void renegotiate(UUID conference, UUID participant, int audio, int video);

    /** Tells the page its media connection to the gateway ended, and why (a stable code). */
    void mediaFailed(UUID conference, UUID participant, String reason);
}
