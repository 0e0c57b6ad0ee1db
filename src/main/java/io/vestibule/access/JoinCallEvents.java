package io.vestibule.access;

import java.time.Instant;
import java.util.Locale;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.events.CallEvent;
import io.vestibule.identity.PortalUser;
import io.vestibule.platform.net.IpLiteral;
import io.vestibule.rooms.Room;

/** The call records of join answers (R-CDR-1): who joined or waited, from where, and every refusal. */
public final class JoinCallEvents {
    /**
     * What protects a participant's media: DTLS-SRTP with the media gateway, whose version, suite and profile the
     * participant's {@code media_connected} record names.
     */
    public static final String MEDIA_PROTECTION = "DTLS-SRTP with the media gateway (see media_connected)";

    private JoinCallEvents() {
    }

    public static CallEvent answered(JoinRequest request, JoinAnswer answer, Instant now) {
        if (answer instanceof JoinAnswer.Joined joined) {
            return person(CallEvent.Type.PARTICIPANT_JOIN, request, joined.conference(), joined.participant(), now,
                    joined.participant().role().code()).encryption(MEDIA_PROTECTION).build();
        }
        if (answer instanceof JoinAnswer.Waiting waiting) {
            return person(CallEvent.Type.PARTICIPANT_WAIT, request, waiting.conference(), waiting.participant(), now,
                    waiting.reason().name().toLowerCase(Locale.ROOT)).build();
        }
        return client(CallEvent.of(CallEvent.Type.JOIN_REFUSED, now, answer.outcome()), request)
                .detail("alias " + request.alias()).build();
    }

    public static CallEvent pinFailed(JoinRequest request, Room room, Instant now) {
        return client(CallEvent.of(CallEvent.Type.PIN_FAILURE, now, "invalid_pin").room(room.id().toString()), request)
                .detail("alias " + request.alias()).build();
    }

    private static CallEvent.Builder person(CallEvent.Type type, JoinRequest request, Conference conference, Participant participant,
                                            Instant now, String outcome) {
        return client(CallEvent.of(type, now, outcome)
                .conference(conference.id().toString(), conference.roomId().toString())
                .participant(participant.id().toString(), participant.role().code(), participant.displayName()), request);
    }

    private static CallEvent.Builder client(CallEvent.Builder event, JoinRequest request) {
        request.signedInUser().map(PortalUser::username).ifPresent(event::identity);
        return event.remote(IpLiteral.text(request.source()), request.sourcePort(), request.userAgent().orElse(null));
    }
}
