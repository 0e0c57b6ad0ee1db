package io.vestibule.media.sdp;

/** Whether a description is an offer or an answer (RFC 3264): the DTLS role rules differ. */
public enum SdpRole {
    OFFER, ANSWER
}
