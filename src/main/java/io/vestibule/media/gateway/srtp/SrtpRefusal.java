package io.vestibule.media.gateway.srtp;

/** Why a packet was not protected or unprotected; each is counted and the packet dropped. */
public enum SrtpRefusal {
    /** Too short, or not shaped as RTP or RTCP. */
    MALFORMED,
    /** The tag did not verify: altered, or protected under other keys. */
    AUTHENTICATION_FAILED,
    /** Its index was seen already or is older than the replay window. */
    REPLAYED,
    /** The participant already has as many streams in this direction as one participant may. */
    TOO_MANY_STREAMS,
    /** The cipher failed for another reason. */
    FAILED
}
