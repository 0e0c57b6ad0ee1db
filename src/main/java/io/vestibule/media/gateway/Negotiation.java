package io.vestibule.media.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vestibule.media.gateway.negotiation.LocalTransport;
import io.vestibule.media.gateway.negotiation.PublishedTrack;
import io.vestibule.media.gateway.negotiation.RemoteTrack;

/**
 * Where a participant's negotiation with the gateway stands: the browser's ICE credentials and certificate
 * fingerprint (a new offer with others is a new connection), the gateway's side, what the participant sends, what its
 * last answer gave it to receive, and that answer's version.
 */
record Negotiation(ParticipantMedia media, String remoteUfrag, String remotePassword, String fingerprint, LocalTransport local,
                   List<PublishedTrack> published, Set<Long> sources, Map<String, RemoteTrack> receiving, long version) {

    boolean sameConnection(String ufrag, String password, String offeredFingerprint) {
        return remoteUfrag.equals(ufrag) && remotePassword.equals(password) && fingerprint.equalsIgnoreCase(offeredFingerprint);
    }

    @Override
    public String toString() {
        return "Negotiation[" + media + ", version " + version + "]";
    }
}
