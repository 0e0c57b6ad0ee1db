package io.vestibule.media.sdp;

/** One rule of the DTLS-SRTP policy; it refuses with its own {@link SdpRule}. */
interface SdpCheck {
    void check(SessionDescription description, SdpRole role) throws SdpRefused;
}
