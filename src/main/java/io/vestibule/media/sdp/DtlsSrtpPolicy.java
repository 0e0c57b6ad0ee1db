package io.vestibule.media.sdp;

import java.util.List;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The gate every offer and answer passes before it is relayed (R-RTC-2): media only over DTLS-SRTP, bound to a
 * certificate by a strong fingerprint, with the DTLS roles of RFC 5763, ICE credentials of RFC 8839, RTCP
 * multiplexed, and reviewed codecs. Plain Java: the signaling calls it, and a media gateway can call it for its own
 * descriptions too.
 */
public final class DtlsSrtpPolicy {
    private final SdpParser parser;
    private final SdpChecks.StrongFingerprint fingerprints;
    private final List<SdpCheck> checks;

    public DtlsSrtpPolicy(SdpLimits limits, CodecAllowList codecs, CryptoPolicy crypto) {
        this.parser = new SdpParser(limits);
        this.fingerprints = new SdpChecks.StrongFingerprint(crypto.dtlsFingerprintHashes());
        this.checks = List.of(
                new SdpChecks.SomeMedia(),
                new SdpChecks.DtlsTransport(),
                new SdpChecks.NoSdes(),
                fingerprints,
                new SdpChecks.DtlsSetup(),
                new SdpChecks.IceCredentials(),
                new SdpChecks.RtcpMux(),
                new SdpChecks.AllowedCodecs(codecs));
    }

    public static DtlsSrtpPolicy standard() {
        return new DtlsSrtpPolicy(SdpLimits.standard(), CodecAllowList.standard(), CryptoPolicy.standard());
    }

    /** A description that passed, with the fingerprint hash its first enabled section uses (for the call record). */
    public record Accepted(SessionDescription description, String fingerprintAlgorithm) {
    }

    public Accepted check(String sdp, SdpRole role) throws SdpRefused {
        SessionDescription description = parser.parse(sdp);
        for (SdpCheck check : checks) {
            check.check(description, role);
        }
        MediaSection first = description.media().stream().filter(section -> !section.disabled()).findFirst().orElseThrow();
        return new Accepted(description, fingerprints.algorithm(description.valuesFor(first, "fingerprint").get(0)));
    }
}
