package io.vestibule.media.signaling;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

import io.vestibule.access.JoinService;
import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.ConferenceNotifier;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.conference.ParticipantState;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.access.token.IssuedToken;
import io.vestibule.access.token.JoinTokenVerifier;
import io.vestibule.access.token.TokenClaims;
import io.vestibule.access.token.TokenKind;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.access.token.TokenRejection;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.media.sdp.CodecAllowList;
import io.vestibule.media.sdp.DtlsSrtpPolicy;
import io.vestibule.media.sdp.SdpLimits;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.json.JsonBuilders;

/**
 * The conference WebSockets (R-RTC-1, R-ROOM-7): authenticates each by the token in its first message, tells
 * participants who comes and goes, hosts who waits in the lobby, waiting participants when they are let in, and
 * closes the sockets of those who leave, are removed, time out or outlast their conference. A socket only ever
 * hears of its own conference.
 */
@ApplicationScoped
public class ConferenceSockets implements ConferenceNotifier {
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final Duration AUTHENTICATION_DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_TOKEN_CHARS = 8192;

    private final Map<String, SocketClient> bySession = new ConcurrentHashMap<>();
    private final Map<UUID, Set<SocketClient>> byConference = new ConcurrentHashMap<>();

    @Inject
    JoinTokenVerifier verifier;

    @Inject
    JoinService joins;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CryptoPolicy crypto;

    @Inject
    CallRecorder calls;

    private SignalingRelay relay;

    @PostConstruct
    void createRelay() {
        relay = new SignalingRelay(new DtlsSrtpPolicy(SdpLimits.standard(), CodecAllowList.standard(), crypto), calls, clock);
    }

    // ---- the socket's life ------------------------------------------------------------------------------------

    void opened(Session session, String conferencePathId) {
        Optional<UUID> conferenceId = Uuids.parse(conferencePathId);
        if (conferenceId.isEmpty()) {
            close(session, "unknown_conference");
            return;
        }
        SocketClient client = new SocketClient(session, conferenceId.get(), new MessageRate(20, 50, clock.instant()));
        bySession.put(session.getId(), client);
        byConference.computeIfAbsent(conferenceId.get(), id -> ConcurrentHashMap.newKeySet()).add(client);
        scheduler.schedule(() -> {
            if (client.stage() == SocketClient.Stage.UNAUTHENTICATED) {
                error(client, "unauthenticated", "no auth message within " + AUTHENTICATION_DEADLINE.toSeconds() + " s");
                client.close(CloseCodes.VIOLATED_POLICY, "unauthenticated");
            }
        }, AUTHENTICATION_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    void received(Session session, String text) {
        SocketClient client = bySession.get(session.getId());
        if (client == null) {
            return;
        }
        if (!client.allowMessage(clock.instant())) {
            error(client, "rate_limited", "too many messages; slow down");
            return;
        }
        Optional<JsonObject> message = parse(text);
        String type = message.map(json -> json.get("type")).filter(JsonString.class::isInstance)
                .map(value -> ((JsonString) value).getString()).orElse("");
        if (message.isEmpty() || type.isEmpty()) {
            error(client, "bad_message", "each message is a JSON object with a \"type\"");
            return;
        }
        if (client.stage() == SocketClient.Stage.UNAUTHENTICATED) {
            if (!type.equals("auth")) {
                error(client, "unauthenticated", "the first message must be {\"type\":\"auth\",\"token\":...}");
                client.close(CloseCodes.VIOLATED_POLICY, "unauthenticated");
                return;
            }
            authenticate(client, message.get());
            return;
        }
        if (type.equals("ping")) {
            client.send(JsonBuilders.object().add("type", "pong").build().toString());
            return;
        }
        if (SignalingRelay.handles(type)) {
            relay(client, type, message.get());
            return;
        }
        error(client, "bad_message", "unknown message type");
    }

    private void relay(SocketClient client, String type, JsonObject message) {
        SignalingRelay.Outcome outcome = relay.relay(client, type, message,
                Set.copyOf(byConference.getOrDefault(client.conferenceId(), Set.of())));
        if (outcome instanceof SignalingRelay.Deliver deliver) {
            deliver.to().forEach(peer -> peer.send(deliver.message()));
        } else if (outcome instanceof SignalingRelay.Refuse refuse) {
            client.send(errorMessage(refuse.code(), refuse.rule(), refuse.reason()));
        }
    }

    void closed(Session session) {
        SocketClient client = bySession.remove(session.getId());
        if (client != null) {
            Set<SocketClient> clients = byConference.get(client.conferenceId());
            if (clients != null) {
                clients.remove(client);
                byConference.computeIfPresent(client.conferenceId(), (id, set) -> set.isEmpty() ? null : set);
            }
        }
    }

    private void authenticate(SocketClient client, JsonObject message) {
        JsonValue token = message.get("token");
        if (!(token instanceof JsonString text) || text.getString().length() > MAX_TOKEN_CHARS) {
            error(client, "unauthenticated", "the auth message needs a token");
            client.close(CloseCodes.VIOLATED_POLICY, "unauthenticated");
            return;
        }
        try {
            TokenClaims claims = verifier.verifyJoinOrLobby(text.getString(), Optional.of(client.conferenceId().toString()));
            Conference conference = joins.conferenceOf(claims);
            Participant participant = conference.participant(UUID.fromString(claims.participantId()))
                    .orElseThrow(() -> new TokenRejected(TokenRejection.REVOKED));
            if (claims.kind() == TokenKind.LOBBY) {
                client.authenticated(SocketClient.Stage.LOBBY, participant.id(), participant.role());
                if (participant.state() == ParticipantState.ADMITTED) {
                    admitted(conference, participant, joins.joinTokenFor(conference, participant));
                } else {
                    client.send(waiting(participant));
                }
                return;
            }
            client.authenticated(SocketClient.Stage.PARTICIPANT, participant.id(), participant.role());
            client.send(ready(conference, participant));
        } catch (TokenRejected rejected) {
            error(client, "unauthenticated", rejected.code());
            client.close(CloseCodes.VIOLATED_POLICY, "unauthenticated");
        }
    }

    // ---- what the conference tells its sockets ------------------------------------------------------------------

    @Override
    public void joined(Conference conference, Participant participant) {
        broadcast(conference, client -> client.stage() == SocketClient.Stage.PARTICIPANT,
                () -> event("joined").add("participant", describe(participant)).build().toString());
    }

    @Override
    public void departed(Conference conference, Participant participant) {
        Set<SocketClient> clients = clientsOf(conference);
        if (clients.isEmpty()) {
            return;
        }
        String left = event("left").add("participant", describe(participant)).build().toString();
        for (SocketClient client : clients) {
            if (participant.id().equals(client.participantId())) {
                client.send(switch (participant.state()) {
                    case REMOVED -> event("removed").build().toString();
                    case TIMED_OUT -> errorMessage("lobby_timeout", "nobody let you in in time");
                    case ENDED -> event("ended").build().toString();
                    default -> left;
                });
                client.close(CloseCodes.NORMAL_CLOSURE, participant.state().name().toLowerCase(Locale.ROOT));
            } else if (client.stage() == SocketClient.Stage.PARTICIPANT) {
                client.send(left);
            }
        }
    }

    @Override
    public void lobbyChanged(Conference conference) {
        Set<SocketClient> clients = clientsOf(conference);
        if (clients.isEmpty()) {
            return;
        }
        String lobby = event("lobby").add("lobby", lobbyOf(conference)).build().toString();
        for (SocketClient client : clients) {
            if (client.host()) {
                client.send(lobby);
            } else if (client.stage() == SocketClient.Stage.LOBBY) {
                conference.participant(client.participantId())
                        .filter(participant -> participant.state() == ParticipantState.WAITING)
                        .ifPresent(participant -> client.send(waiting(participant)));
            }
        }
    }

    @Override
    public void admitted(Conference conference, Participant participant, IssuedToken token) {
        String message = event("admitted")
                .add("token", token.compact())
                .add("expires", Duration.between(clock.instant(), token.claims().expiresAt()).toSeconds())
                .add("role", participant.role().code())
                .add("participantId", participant.id().toString())
                .add("conferenceId", conference.id().toString())
                .build().toString();
        clientsOf(conference).stream()
                .filter(client -> client.stage() == SocketClient.Stage.LOBBY && participant.id().equals(client.participantId()))
                .forEach(client -> client.send(message));
    }

    @Override
    public void lockChanged(Conference conference, boolean locked) {
        broadcast(conference, client -> client.stage() == SocketClient.Stage.PARTICIPANT,
                () -> event(locked ? "locked" : "unlocked").build().toString());
    }

    @Override
    public void ended(Conference conference, List<Participant> everyone) {
        String ended = event("ended").build().toString();
        for (SocketClient client : clientsOf(conference)) {
            client.send(ended);
            client.close(CloseCodes.NORMAL_CLOSURE, "ended");
        }
    }

    // ---- messages ---------------------------------------------------------------------------------------------

    private String ready(Conference conference, Participant participant) {
        JsonArrayBuilder participants = JsonBuilders.array();
        conference.present().forEach(present -> participants.add(describe(present)));
        JsonObjectBuilder ready = event("ready")
                .add("participantId", participant.id().toString())
                .add("role", participant.role().code())
                .add("participants", participants)
                .add("locked", conference.locked());
        if (participant.host()) {
            ready.add("lobby", lobbyOf(conference));
        }
        return ready.build().toString();
    }

    private static String waiting(Participant participant) {
        return event("waiting")
                .add("reason", participant.waitingReason().map(reason -> reason.code()).orElse(""))
                .add("participantId", participant.id().toString())
                .build().toString();
    }

    private static JsonArrayBuilder lobbyOf(Conference conference) {
        JsonArrayBuilder lobby = JsonBuilders.array();
        conference.lobby().forEach(waiting -> lobby.add(JsonBuilders.object(describe(waiting))
                .add("reason", waiting.waitingReason().map(reason -> reason.code()).orElse(""))
                .add("waitingSince", waiting.arrivedAt().toString())));
        return lobby;
    }

    static JsonObject describe(Participant participant) {
        return JsonBuilders.object()
                .add("participantId", participant.id().toString())
                .add("displayName", participant.displayName())
                .add("role", participant.role().code())
                .build();
    }

    private static JsonObjectBuilder event(String type) {
        return JsonBuilders.object().add("type", type);
    }

    private static String errorMessage(String code, String reason) {
        return errorMessage(code, Optional.empty(), reason);
    }

    /** {@code {"type":"error","error":code[,"rule":rule],"reason":reason}}; the rule names a policy's refusal. */
    private static String errorMessage(String code, Optional<String> rule, String reason) {
        JsonObjectBuilder error = event("error").add("error", code);
        rule.ifPresent(name -> error.add("rule", name));
        return error.add("reason", reason).build().toString();
    }

    private static void error(SocketClient client, String code, String reason) {
        client.send(errorMessage(code, reason));
    }

    /** Builds the message only when someone is there to receive it: most joins happen with no socket open yet. */
    private void broadcast(Conference conference, Predicate<SocketClient> to, Supplier<String> message) {
        List<SocketClient> recipients = clientsOf(conference).stream().filter(to).toList();
        if (!recipients.isEmpty()) {
            String text = message.get();
            recipients.forEach(client -> client.send(text));
        }
    }

    private Set<SocketClient> clientsOf(Conference conference) {
        return Set.copyOf(byConference.getOrDefault(conference.id(), Set.of()));
    }

    private static void close(Session session, String reason) {
        try {
            session.close(new CloseReason(CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException e) {
            // Already closed.
        }
    }

    private static Optional<JsonObject> parse(String text) {
        try (var reader = JsonBuilders.reader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
