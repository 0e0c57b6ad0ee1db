package io.vestibule.media.gateway.packet;

/** Why an RTP header was not sane; each is counted and the packet dropped. */
public enum RtpRefusal {
    /** Fewer than the 12 bytes of the fixed header. */
    TOO_SHORT,
    /** The version bits are not 2. */
    NOT_VERSION_2,
    /** The CSRC list announced runs past the end of the packet. */
    CSRC_LIST_BEYOND_PACKET,
    /** The header extension announced runs past the end of the packet. */
    EXTENSION_BEYOND_PACKET,
    /** The padding bit is set but the padding count is zero or longer than the payload. */
    PADDING_INSANE
}
