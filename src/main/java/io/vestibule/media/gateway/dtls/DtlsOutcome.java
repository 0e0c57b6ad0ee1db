package io.vestibule.media.gateway.dtls;

import io.vestibule.media.gateway.SrtpKeyingMaterial;
import io.vestibule.media.gateway.SrtpProfile;

/** How a participant's DTLS handshake ended. */
public sealed interface DtlsOutcome permits DtlsOutcome.Established, DtlsOutcome.Refused {

    /**
     * The handshake succeeded: what was negotiated (for the call record), the peer certificate's SHA-256 fingerprint
     * (for binding the join token), and the SRTP keying material (secret; its {@code toString} hides it).
     */
    record Established(String protocolVersion, String cipherSuite, SrtpProfile srtpProfile,
                       CertificateFingerprint peerFingerprint, SrtpKeyingMaterial keyingMaterial) implements DtlsOutcome {
    }

    /** The handshake failed, with a reason and a detail for the operator's log. */
    record Refused(DtlsFailure reason, String detail) implements DtlsOutcome {
    }
}
