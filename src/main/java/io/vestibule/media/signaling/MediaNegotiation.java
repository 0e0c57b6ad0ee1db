package io.vestibule.media.signaling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.media.gateway.MediaGateway;
import io.vestibule.media.gateway.MediaRefused;
import io.vestibule.media.sdp.DtlsSrtpPolicy;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRole;

/**
 * A participant's media negotiation with the conference's media gateway (API.md "Media signaling", R-RTC-3): offers
 * pass the DTLS-SRTP policy and are answered by the gateway; candidates are checked for shape (the gateway learns
 * addresses from the browser's own connectivity checks). Nothing is relayed between participants: media goes through
 * the gateway and nowhere else, so a page cannot negotiate around it.
 */
final class MediaNegotiation {
    private static final Logger LOG = Logger.getLogger(MediaNegotiation.class.getName());
    private static final int MAX_CANDIDATE_CHARS = 1024;
    private static final Pattern MID = Pattern.compile("[A-Za-z0-9_.~+-]{1,32}");
    private static final int MAX_MEDIA_LINE_INDEX = 63;

    private final DtlsSrtpPolicy policy;
    private final MediaGateway gateway;
    private final CallRecorder calls;
    private final Clock clock;

    MediaNegotiation(DtlsSrtpPolicy policy, MediaGateway gateway, CallRecorder calls, Clock clock) {
        this.policy = policy;
        this.gateway = gateway;
        this.calls = calls;
        this.clock = clock;
    }

    /** What becomes of one media message: answered by the gateway, or refused back to the sender. */
    sealed interface Outcome {
    }

    /** The gateway's answers to the sender, in order (none for a candidate: the gateway learns addresses by ICE). */
    record Reply(List<String> messages) implements Outcome {
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

    Outcome negotiate(SocketClient from, String type, JsonObject message) {
        if (from.stage() != SocketClient.Stage.PARTICIPANT) {
            return Refuse.because("bad_message", "only admitted participants negotiate media");
        }
        Optional<String> to = text(message, "to");
        if (to.isEmpty()) {
            return Refuse.because("bad_message", "\"to\" names the media gateway");
        }
        DtlsSrtpPolicy.Accepted accepted = null;
        if (type.equals("candidate")) {
            if (!wellFormedCandidate(message.get("candidate"))) {
                return Refuse.because("bad_message", "a candidate is {candidate, sdpMid, sdpMLineIndex} as the browser gives it");
            }
        } else {
            Optional<String> sdp = text(message, "sdp");
            if (sdp.isEmpty()) {
                return Refuse.because("bad_message", "an " + type + " carries its session description in \"sdp\"");
            }
            try {
                accepted = policy.check(sdp.get(), type.equals("offer") ? SdpRole.OFFER : SdpRole.ANSWER);
            } catch (SdpRefused refused) {
                return refusedDescription(from, type, refused);
            }
        }
        if (!to.get().equals(SignalingMessages.GATEWAY)) {
            return Refuse.because("unknown_peer", "media goes through the conference's media gateway: send it to \"gateway\"");
        }
        if (type.equals("answer")) {
            return Refuse.because("bad_message", "the media gateway makes no offers; it answers yours");
        }
        return type.equals("offer") ? toGateway(from, accepted) : new Reply(List.of());
    }

    private Outcome toGateway(SocketClient from, DtlsSrtpPolicy.Accepted offer) {
        try {
            MediaGateway.Reply reply = gateway.offer(from.conferenceId(), from.roomId(), from.participantId(), offer.description());
            List<String> messages = new ArrayList<>();
            messages.add(SignalingMessages.gatewayAnswer(reply.answer()));
            reply.offerAgain().ifPresent(receive -> messages.add(SignalingMessages.renegotiate(receive.audio(), receive.video())));
            return new Reply(messages);
        } catch (SdpRefused refused) {
            return refusedDescription(from, "offer", refused);
        } catch (MediaRefused refused) {
            return Refuse.because(refused.code(), refused.getMessage());
        }
    }

    private Refuse refusedDescription(SocketClient from, String type, SdpRefused refused) {
        LOG.info(() -> "Refused an " + type + " of participant " + from.participantId() + " in conference "
                + from.conferenceId() + ": rule " + refused.rule().code());
        calls.record(CallEvent.of(CallEvent.Type.POLICY_REFUSAL, clock.instant(), "sdp_policy/" + refused.rule().code())
                .conference(from.conferenceId().toString(), null).participant(from.participantId().toString(), null, null)
                .detail(type + ": " + refused.reason()).build());
        return new Refuse("sdp_policy", Optional.of(refused.rule().code()), refused.reason());
    }

    /**
     * Whether a candidate has the browser's shape, its three fields checked ({@code candidate}, {@code sdpMid},
     * {@code sdpMLineIndex}); an empty candidate string is the browser's end-of-candidates.
     */
    private static boolean wellFormedCandidate(JsonValue value) {
        if (!(value instanceof JsonObject candidate)) {
            return false;
        }
        Optional<String> line = text(candidate, "candidate");
        if (line.isEmpty() || line.get().length() > MAX_CANDIDATE_CHARS
                || !(line.get().isEmpty() || line.get().startsWith("candidate:"))
                || line.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        JsonValue mid = candidate.getOrDefault("sdpMid", JsonValue.NULL);
        if (mid != JsonValue.NULL && !(mid instanceof JsonString text && MID.matcher(text.getString()).matches())) {
            return false;
        }
        JsonValue index = candidate.getOrDefault("sdpMLineIndex", JsonValue.NULL);
        return index == JsonValue.NULL || index instanceof JsonNumber number && number.isIntegral()
                && number.longValue() >= 0 && number.longValue() <= MAX_MEDIA_LINE_INDEX;
    }

    private static Optional<String> text(JsonObject message, String field) {
        return message.get(field) instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }
}
