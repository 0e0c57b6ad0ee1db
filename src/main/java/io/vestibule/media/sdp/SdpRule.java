package io.vestibule.media.sdp;

/**
 * The rules a session description must keep (R-RTC-2), each with the name a refusal reports to the page
 * ({@code {"type":"error","error":"sdp_policy","rule":…}}) and to the call record.
 */
public enum SdpRule {
    /** Larger than the size limit. */
    SIZE("size"),
    /** More lines, or a longer line, than the limits allow. */
    LINES("lines"),
    /** More media sections than the limit. */
    MEDIA_SECTIONS("media_sections"),
    /** Not SDP: a line that is not {@code <letter>=<value>}, a control character, a missing or misplaced mandatory line. */
    SYNTAX("syntax"),
    /** A media section whose transport is not DTLS-SRTP ({@code UDP/TLS/RTP/SAVPF}) or DTLS/SCTP for data. */
    TRANSPORT("transport"),
    /** SDES keys ({@code a=crypto}): keys in the signaling, which DTLS-SRTP exists to avoid. */
    SDES("sdes"),
    /** No DTLS fingerprint, or one that is malformed or uses a hash weaker than SHA-256. */
    FINGERPRINT("fingerprint"),
    /** A certificate other than the one the participant's join token is bound to ({@code cnf}): a copied token. */
    BOUND_CERTIFICATE("bound_certificate"),
    /** No {@code a=setup}, or one that is not {@code actpass} in an offer or {@code active}/{@code passive} in an answer. */
    SETUP("setup"),
    /** ICE username fragment or password missing, too short, too long or with characters outside RFC 8839's set. */
    ICE_CREDENTIALS("ice_credentials"),
    /** An RTP media section without {@code a=rtcp-mux}. */
    RTCP_MUX("rtcp_mux"),
    /** A payload type whose codec is not on the allow-list, or that names no codec at all. */
    CODEC("codec"),
    /** A source ({@code a=ssrc}, {@code a=ssrc-group}) that is not a 32-bit number. */
    SOURCES("sources");

    private final String code;

    SdpRule(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
