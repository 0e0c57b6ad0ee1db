package io.vestibule.access.conference;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;

/** The live conferences, with a call record when one starts and when one ends (R-CDR-1). */
public final class RecordedLiveConferences implements LiveConferences {
    private final LiveConferences live;
    private final CallRecorder calls;
    private final Clock clock;

    public RecordedLiveConferences(LiveConferences live, CallRecorder calls, Clock clock) {
        this.live = live;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public Conference inRoom(UUID roomId, Supplier<Conference> start) {
        return live.inRoom(roomId, () -> {
            Conference started = start.get();
            calls.record(CallEvent.of(CallEvent.Type.CONFERENCE_START, started.startedAt(), "started")
                    .conference(started.id().toString(), roomId.toString()).build());
            return started;
        });
    }

    @Override
    public Optional<Conference> find(UUID conferenceId) {
        return live.find(conferenceId);
    }

    @Override
    public void forgetIfOver(Conference conference) {
        boolean running = live.find(conference.id()).isPresent();
        live.forgetIfOver(conference);
        if (running && live.find(conference.id()).isEmpty()) {
            calls.record(CallEvent.of(CallEvent.Type.CONFERENCE_END, clock.instant(), "ended")
                    .conference(conference.id().toString(), conference.roomId().toString())
                    .duration(Duration.between(conference.startedAt(), clock.instant()).toSeconds()).build());
        }
    }

    @Override
    public Collection<Conference> all() {
        return live.all();
    }
}
