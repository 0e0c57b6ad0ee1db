package io.vestibule.access.conference;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import io.vestibule.platform.json.JsonBuilders;

/** Who is in a conference and who waits, as the API shows them over HTTP and on the conference socket alike. */
public final class RosterJson {
    private RosterJson() {
    }

    public static JsonObject participant(Participant participant) {
        return JsonBuilders.object()
                .add("participantId", participant.id().toString())
                .add("displayName", participant.displayName())
                .add("role", participant.role().code())
                .build();
    }

    public static JsonArrayBuilder present(Conference conference) {
        JsonArrayBuilder present = JsonBuilders.array();
        conference.present().forEach(participant -> present.add(participant(participant)));
        return present;
    }

    public static JsonArrayBuilder lobby(Conference conference) {
        JsonArrayBuilder lobby = JsonBuilders.array();
        conference.lobby().forEach(waiting -> lobby.add(waiting(waiting)));
        return lobby;
    }

    /** One entry of the lobby: who waits, why, and since when. */
    public static JsonObject waiting(Participant waiting) {
        return JsonBuilders.object(participant(waiting))
                .add("reason", waiting.waitingReason().map(reason -> reason.code()).orElse(""))
                .add("waitingSince", waiting.arrivedAt().toString()).build();
    }
}
