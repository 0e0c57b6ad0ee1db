package io.vestibule.media.gateway.dtls;

/** Why a participant's DTLS handshake with the gateway failed; for call records and the failure metrics. */
public enum DtlsFailure {
    /** The peer's certificate is not the one its session description announced. */
    FINGERPRINT_MISMATCH,
    /** The peer presented no certificate; WebRTC peers always do. */
    NO_CLIENT_CERTIFICATE,
    /** The peer's certificate key is one the crypto policy refuses (a weak curve, short RSA, another type). */
    PEER_CERTIFICATE_REFUSED,
    /** The peer offered no SRTP protection profile on the allow-list, or no use_srtp at all. */
    NO_COMMON_PROFILE,
    /** The peer offered no cipher suite the policy allows. */
    NO_COMMON_SUITE,
    /** The peer offered allowed suites but none of the policy's groups to run them on. */
    NO_COMMON_GROUP,
    /** The peer does not speak DTLS 1.2. */
    UNSUPPORTED_VERSION,
    /** The handshake did not finish before its deadline. */
    TIMEOUT,
    /** The peer sent a fatal alert: it refused us. */
    PEER_ABORTED,
    /** The endpoint was closed before the handshake finished. */
    CLOSED,
    /** Anything else the DTLS stack refused: malformed or unexpected messages, a bad signature. */
    PROTOCOL_ERROR
}
