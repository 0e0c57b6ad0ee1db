package io.vestibule.media.gateway.forward;

/** Why the router forwarded a packet to no one; counted by reason for the gateway's metrics. */
public enum DropReason {
    /** The sender is not (or no longer) an admitted participant with media in this conference. */
    NOT_ADMITTED,
    /** RTP, or a sender report, from a source the sender did not announce, or announced by someone else. */
    FOREIGN_SSRC,
    /** RTCP whose lengths do not add up, or that is not version 2. */
    MALFORMED_RTCP,
    /** Feedback about a source no admitted participant sends. */
    UNKNOWN_SOURCE,
    /** RTCP the gateway ends instead of relaying: receiver reports, descriptions, goodbyes, application data, extended reports. */
    TERMINATED
}
