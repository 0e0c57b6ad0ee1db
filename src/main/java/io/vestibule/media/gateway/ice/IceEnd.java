package io.vestibule.media.gateway.ice;

/** Why a participant's ICE transport ended; each is a disconnect reason for the call record. */
public enum IceEnd {
    /** Every candidate pair failed its connectivity checks (unreachable, or the wrong credentials). */
    CHECKS_FAILED,
    /** No pair was selected within the configured ICE timeout. */
    TIMED_OUT,
    /** The connected peer stopped answering consent checks (RFC 7675): it left, or its path broke. */
    CONSENT_EXPIRED,
    /** The gateway closed the transport. */
    CLOSED
}
