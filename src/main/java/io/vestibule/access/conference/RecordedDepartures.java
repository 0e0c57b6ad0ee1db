package io.vestibule.access.conference;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.vestibule.access.JoinCallEvents;
import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.access.token.IssuedToken;

/**
 * Records what the conference tells its clients about people (R-CDR-1): a participant let in from the lobby, and
 * every departure with its reason (left, removed, timed out, conference ended) and how long they were there.
 * Direct joins are recorded by the join service, which knows the client's address and browser.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class RecordedDepartures implements ConferenceNotifier {
    @Inject
    @Delegate
    ConferenceNotifier notifier;

    @Inject
    CallRecorder calls;

    @Inject
    Clock clock;

    @Override
    public void departed(Conference conference, Participant participant) {
        notifier.departed(conference, participant);
        recordDeparture(conference, participant, participant.state().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void admitted(Conference conference, Participant participant, Supplier<Optional<IssuedToken>> collectJoinToken) {
        notifier.admitted(conference, participant, collectJoinToken);
        calls.record(CallEvent.of(CallEvent.Type.PARTICIPANT_JOIN, clock.instant(), "admitted")
                .conference(conference.id().toString(), conference.roomId().toString())
                .participant(participant.id().toString(), participant.role().code(), participant.displayName())
                .encryption(JoinCallEvents.MEDIA_PROTECTION).build());
    }

    @Override
    public void ended(Conference conference, List<Participant> everyone) {
        notifier.ended(conference, everyone);
        everyone.forEach(participant -> recordDeparture(conference, participant, "ended"));
    }

    private void recordDeparture(Conference conference, Participant participant, String reason) {
        calls.record(CallEvent.of(CallEvent.Type.PARTICIPANT_LEAVE, clock.instant(), reason)
                .conference(conference.id().toString(), conference.roomId().toString())
                .participant(participant.id().toString(), participant.role().code(), participant.displayName())
                .duration(Math.max(0, Duration.between(participant.arrivedAt(), clock.instant()).toSeconds())).build());
    }
}
