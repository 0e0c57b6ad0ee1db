package io.vestibule.media.signaling;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

import io.vestibule.access.JoinService;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.access.token.JoinTokenVerifier;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.media.gateway.MediaGateway;
import io.vestibule.media.sdp.CodecAllowList;
import io.vestibule.media.sdp.DtlsSrtpPolicy;
import io.vestibule.media.sdp.SdpLimits;
import io.vestibule.platform.Uuids;

/**
 * The life of a conference socket, and where the signaling parts are wired: an opened socket gets its outbound
 * queue (sent by the container's managed executor) and is registered, and must authenticate within
 * {@link #AUTHENTICATION_DEADLINE}; what it receives goes to the {@link SignalingDispatcher}; a closed one is
 * forgotten.
 */
@ApplicationScoped
public class SocketLifecycle {
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final Duration AUTHENTICATION_DEADLINE = Duration.ofSeconds(10);
    /** A socket that says nothing for this long is closed; the meeting page pings every 30 s. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    @Inject
    ConnectedSockets sockets;

    @Inject
    JoinTokenVerifier verifier;

    @Inject
    JoinService joins;

    @Inject
    Clock clock;

    @Inject
    CryptoPolicy crypto;

    @Inject
    CallRecorder calls;

    @Inject
    MediaGateway gateway;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Sends every socket's queued frames; no socket has a thread of its own. */
    @Resource
    ManagedExecutorService sender;

    private SignalingDispatcher dispatcher;

    @PostConstruct
    void wire() {
        MediaNegotiation negotiation = new MediaNegotiation(new DtlsSrtpPolicy(SdpLimits.standard(), CodecAllowList.standard(), crypto), gateway,
                calls, clock);
        dispatcher = new SignalingDispatcher(new SocketAuthenticator(verifier, joins, sockets, clock), negotiation, clock);
    }

    void opened(Session session, String conferencePathId) {
        SessionTransport transport = new SessionTransport(session);
        Optional<UUID> conferenceId = Uuids.parse(conferencePathId);
        if (conferenceId.isEmpty()) {
            transport.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "unknown_conference"));
            return;
        }
        String id = session.getId();
        OutboundQueue outbound = new OutboundQueue(transport, sender, clock, () -> sockets.remove(id));
        SocketClient client = new SocketClient(id, conferenceId.get(), new MessageRate(20, 50, clock.instant()), outbound);
        sockets.add(client);
        scheduler.schedule(() -> {
            if (client.stage() == SocketClient.Stage.UNAUTHENTICATED) {
                SocketAuthenticator.refuse(client, "no auth message within " + AUTHENTICATION_DEADLINE.toSeconds() + " s");
            }
        }, AUTHENTICATION_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    void received(Session session, String text) {
        sockets.find(session.getId()).ifPresent(client -> dispatcher.received(client, text));
    }

    void ponged(Session session) {
        sockets.find(session.getId()).ifPresent(SocketClient::ponged);
    }

    void closed(Session session) {
        sockets.remove(session.getId());
    }

    void failed(Session session) {
        sockets.remove(session.getId());
        new SessionTransport(session).close(new CloseReason(CloseCodes.PROTOCOL_ERROR, "bad_message"));
    }
}
