package io.vestibule.media.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.vestibule.access.events.CallEvent;
import io.vestibule.media.gateway.dtls.DtlsOutcome;

/**
 * The call records of a participant's media (R-CDR-1): what its connection negotiated, why a handshake was refused,
 * and how the connection ended, with what it carried each way.
 */
final class MediaCallEvents {
    private MediaCallEvents() {
    }

    static CallEvent connected(MediaParty party, DtlsOutcome.Established established, InetSocketAddress remote, Instant now) {
        CallEvent.Builder event = CallEvent.of(CallEvent.Type.MEDIA_CONNECTED, now, "connected")
                .conference(party.conference().toString(), party.room() == null ? null : party.room().toString())
                .participant(party.participant().toString(), null, null)
                .encryption(established.protocolVersion() + ", " + established.cipherSuite() + ", " + established.srtpProfile())
                .detail("browser certificate " + established.peerFingerprint().toSdp());
        if (remote != null) {
            event.remote(remote.getAddress().getHostAddress(), remote.getPort(), null);
        }
        return event.build();
    }

    /** A handshake the gateway refused: a policy refusal, as the SDP policy's are ({@code dtls/<reason>}). */
    static CallEvent refused(MediaParty party, DtlsOutcome.Refused refused, Instant now) {
        return CallEvent.of(CallEvent.Type.POLICY_REFUSAL, now, "dtls/" + refused.reason().name().toLowerCase(Locale.ROOT))
                .conference(party.conference().toString(), party.room() == null ? null : party.room().toString())
                .participant(party.participant().toString(), null, null)
                .detail(refused.detail()).build();
    }

    static CallEvent ended(MediaParty party, String reason, Instant connectedAt, MediaTraffic.Totals traffic, Instant now) {
        return CallEvent.of(CallEvent.Type.MEDIA_ENDED, now, reason)
                .conference(party.conference().toString(), party.room() == null ? null : party.room().toString())
                .participant(party.participant().toString(), null, null)
                .duration(Duration.between(connectedAt, now).toSeconds())
                .detail("received " + traffic.packetsIn() + " packets, " + traffic.bytesIn() + " bytes; sent " + traffic.packetsOut()
                        + " packets, " + traffic.bytesOut() + " bytes; dropped " + traffic.dropped())
                .build();
    }
}
