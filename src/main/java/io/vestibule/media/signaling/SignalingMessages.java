package io.vestibule.media.signaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.json.JsonObjectBuilder;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.conference.RosterJson;
import io.vestibule.access.token.IssuedToken;
import io.vestibule.platform.json.JsonBuilders;

/** The JSON of every message the server sends on a conference socket (API.md "Media signaling"). */
final class SignalingMessages {
    /** The participant id the media gateway answers under (API.md "Media signaling"). */
    static final String GATEWAY = "gateway";
    private SignalingMessages() {
    }

    /** After authentication with a join token: who the socket is, who is present, and for hosts the lobby. */
    static String ready(Conference conference, Participant participant) {
        JsonObjectBuilder ready = event("ready")
                .add("participantId", participant.id().toString())
                .add("role", participant.role().code())
                .add("participants", RosterJson.present(conference))
                .add("locked", conference.locked());
        if (participant.host()) {
            ready.add("lobby", RosterJson.lobby(conference));
        }
        return ready.build().toString();
    }

    static String waiting(Participant participant) {
        return event("waiting")
                .add("reason", participant.waitingReason().map(reason -> reason.code()).orElse(""))
                .add("participantId", participant.id().toString())
                .build().toString();
    }

    static String admitted(Conference conference, Participant participant, IssuedToken token, Instant now) {
        return event("admitted")
                .add("token", token.compact())
                .add("expires", Duration.between(now, token.claims().expiresAt()).toSeconds())
                .add("role", participant.role().code())
                .add("participantId", participant.id().toString())
                .add("conferenceId", conference.id().toString())
                .build().toString();
    }

    static String joined(Participant participant) {
        return event("joined").add("participant", RosterJson.participant(participant)).build().toString();
    }

    static String left(Participant participant) {
        return event("left").add("participant", RosterJson.participant(participant)).build().toString();
    }

    /**
     * One change to the lobby, for hosts: {@code joined} (entered it, or waits for another reason now: the entry
     * replaces any of the same participant), {@code left} (left, removed or timed out) or {@code admitted}.
     */
    static String lobbyChange(String change, Participant participant) {
        return event("lobby").add("change", change).add("participant", change.equals("joined")
                ? RosterJson.waiting(participant) : RosterJson.participant(participant)).build().toString();
    }

    /** The gateway's answer to a participant's offer. */
    static String gatewayAnswer(String sdp) {
        return event("answer").add("from", GATEWAY).add("sdp", sdp).build().toString();
    }

    /** The gateway asks the page to offer again with this many receiving sections of each kind. */
    static String renegotiate(int audio, int video) {
        return event("renegotiate").add("from", GATEWAY)
                .add("receive", JsonBuilders.object().add("audio", audio).add("video", video)).build().toString();
    }

    /** {@code removed}, {@code ended}, {@code locked}, {@code unlocked}, {@code pong}: a type and nothing else. */
    static String bare(String type) {
        return event(type).build().toString();
    }

    static String error(String code, String reason) {
        return error(code, Optional.empty(), reason);
    }

    /** {@code {"type":"error","error":code[,"rule":rule],"reason":reason}}; the rule names a policy's refusal. */
    static String error(String code, Optional<String> rule, String reason) {
        JsonObjectBuilder error = event("error").add("error", code);
        rule.ifPresent(name -> error.add("rule", name));
        return error.add("reason", reason).build().toString();
    }

    private static JsonObjectBuilder event(String type) {
        return JsonBuilders.object().add("type", type);
    }
}
