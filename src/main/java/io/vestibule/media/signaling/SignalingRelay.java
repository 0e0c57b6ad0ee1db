package io.vestibule.media.signaling;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.media.sdp.DtlsSrtpPolicy;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRole;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.json.JsonBuilders;

/**
 * Passes offers, answers and ICE candidates from one participant to another of the same conference (API.md "Media
 * signaling"), after the DTLS-SRTP policy for descriptions and a shape check for candidates. What is relayed is
 * rebuilt from the checked fields, with the sender named by the server, never by the sender.
 */
final class SignalingRelay {
    private static final Logger LOG = Logger.getLogger(SignalingRelay.class.getName());
    private static final int MAX_CANDIDATE_CHARS = 1024;
    private static final Pattern MID = Pattern.compile("[A-Za-z0-9_.~+-]{1,32}");
    private static final int MAX_MEDIA_LINE_INDEX = 63;
    /** Reserved for the media gateway of R-RTC-3; until it exists nobody answers there. */
    private static final String GATEWAY = "gateway";

    private final DtlsSrtpPolicy policy;
    private final CallRecorder calls;
    private final Clock clock;

    SignalingRelay(DtlsSrtpPolicy policy, CallRecorder calls, Clock clock) {
        this.policy = policy;
        this.calls = calls;
        this.clock = clock;
    }

    /** What becomes of one media message: delivered to the peer's sockets, or refused back to the sender. */
    sealed interface Outcome {
    }

    record Deliver(List<SocketClient> to, String message) implements Outcome {
    }

    /** {@code rule} only for {@code sdp_policy} refusals. */
    record Refuse(String code, Optional<String> rule, String reason) implements Outcome {
        static Refuse because(String code, String reason) {
            return new Refuse(code, Optional.empty(), reason);
        }
    }

    static boolean handles(String type) {
        return type.equals("offer") || type.equals("answer") || type.equals("candidate");
    }

    Outcome relay(SocketClient from, String type, JsonObject message, Collection<SocketClient> sameConference) {
        if (from.stage() != SocketClient.Stage.PARTICIPANT) {
            return Refuse.because("bad_message", "only admitted participants negotiate media");
        }
        Optional<String> to = text(message, "to");
        if (to.isEmpty()) {
            return Refuse.because("bad_message", "\"to\" names a participant");
        }
        JsonObjectBuilder relayed = JsonBuilders.object().add("type", type).add("from", from.participantId().toString());
        if (type.equals("candidate")) {
            Optional<JsonObject> candidate = candidate(message.get("candidate"));
            if (candidate.isEmpty()) {
                return Refuse.because("bad_message", "a candidate is {candidate, sdpMid, sdpMLineIndex} as the browser gives it");
            }
            relayed.add("candidate", candidate.get());
        } else {
            Optional<String> sdp = text(message, "sdp");
            if (sdp.isEmpty()) {
                return Refuse.because("bad_message", "an " + type + " carries its session description in \"sdp\"");
            }
            try {
                policy.check(sdp.get(), type.equals("offer") ? SdpRole.OFFER : SdpRole.ANSWER);
            } catch (SdpRefused refused) {
                LOG.info(() -> "Refused an " + type + " of participant " + from.participantId() + " in conference "
                        + from.conferenceId() + ": rule " + refused.rule().code());
                calls.record(CallEvent.of(CallEvent.Type.POLICY_REFUSAL, clock.instant(), "sdp_policy/" + refused.rule().code())
                        .conference(from.conferenceId().toString(), null).participant(from.participantId().toString(), null, null)
                        .detail(type + ": " + refused.reason()).build());
                return new Refuse("sdp_policy", Optional.of(refused.rule().code()), refused.reason());
            }
            relayed.add("sdp", sdp.get());
        }
        List<SocketClient> recipients = recipients(from, to.get(), sameConference);
        if (recipients.isEmpty()) {
            return Refuse.because("unknown_peer", to.get().equals(GATEWAY)
                    ? "this conference has no media gateway" : "no such participant in this conference");
        }
        return new Deliver(recipients, relayed.build().toString());
    }

    private static List<SocketClient> recipients(SocketClient from, String to, Collection<SocketClient> sameConference) {
        Optional<UUID> peer = Uuids.parse(to);
        if (peer.isEmpty() || peer.get().equals(from.participantId())) {
            return List.of();
        }
        return sameConference.stream()
                .filter(client -> client.stage() == SocketClient.Stage.PARTICIPANT && peer.get().equals(client.participantId()))
                .toList();
    }

    /** The candidate's three fields, checked; an empty candidate string is the browser's end-of-candidates. */
    private static Optional<JsonObject> candidate(JsonValue value) {
        if (!(value instanceof JsonObject candidate)) {
            return Optional.empty();
        }
        Optional<String> line = text(candidate, "candidate");
        if (line.isEmpty() || line.get().length() > MAX_CANDIDATE_CHARS
                || !(line.get().isEmpty() || line.get().startsWith("candidate:"))
                || line.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        JsonObjectBuilder checked = JsonBuilders.object().add("candidate", line.get());
        JsonValue mid = candidate.getOrDefault("sdpMid", JsonValue.NULL);
        if (mid instanceof JsonString text && MID.matcher(text.getString()).matches()) {
            checked.add("sdpMid", text.getString());
        } else if (mid != JsonValue.NULL) {
            return Optional.empty();
        }
        JsonValue index = candidate.getOrDefault("sdpMLineIndex", JsonValue.NULL);
        if (index instanceof JsonNumber number && number.isIntegral()
                && number.longValue() >= 0 && number.longValue() <= MAX_MEDIA_LINE_INDEX) {
            checked.add("sdpMLineIndex", number.intValue());
        } else if (index != JsonValue.NULL) {
            return Optional.empty();
        }
        return Optional.of(checked.build());
    }

    private static Optional<String> text(JsonObject message, String field) {
        return message.get(field) instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }
}
