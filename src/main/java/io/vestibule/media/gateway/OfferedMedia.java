package io.vestibule.media.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vestibule.media.gateway.dtls.CertificateFingerprint;
import io.vestibule.media.gateway.negotiation.PayloadTypes;
import io.vestibule.media.gateway.negotiation.PublishedTrack;
import io.vestibule.media.sdp.AnnouncedSources;
import io.vestibule.media.sdp.MediaSection;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRule;
import io.vestibule.media.sdp.SessionDescription;

/**
 * What the gateway reads from a participant's offer (one that passed the DTLS-SRTP policy): the codecs' numbering, the
 * sources and tracks it sends, its ICE credentials and its certificate's fingerprint.
 */
record OfferedMedia(SessionDescription description, PayloadTypes types, Set<Long> sources, List<PublishedTrack> published,
                    String ufrag, String password, String fingerprint, CertificateFingerprint certificate) {

    static OfferedMedia of(SessionDescription offer, Map<String, Integer> fingerprintHashes) throws SdpRefused {
        MediaSection first = offer.media().stream().filter(section -> !section.disabled()).findFirst().orElseThrow();
        String fingerprint = offer.valueFor(first, "fingerprint").orElseThrow();
        CertificateFingerprint certificate;
        try {
            certificate = CertificateFingerprint.parse(fingerprint, fingerprintHashes);
        } catch (IllegalArgumentException e) {
            throw new SdpRefused(SdpRule.FINGERPRINT, e.getMessage());
        }
        return new OfferedMedia(offer, PayloadTypes.of(offer), AnnouncedSources.of(offer), PublishedTrack.of(offer),
                offer.valueFor(first, "ice-ufrag").orElseThrow(), offer.valueFor(first, "ice-pwd").orElseThrow(), fingerprint, certificate);
    }

    /** Whether the offer continues the connection of the negotiation: same ICE credentials, same certificate. */
    boolean continues(Negotiation negotiation) {
        return negotiation.sameConnection(ufrag, password, fingerprint);
    }

    @Override
    public String toString() {
        return "OfferedMedia[" + published.size() + " tracks]";
    }
}
