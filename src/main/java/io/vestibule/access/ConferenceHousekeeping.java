package io.vestibule.access;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.ConferenceNotifier;
import io.vestibule.access.conference.LiveConferences;

/**
 * Every two seconds: conferences whose room no longer admits anyone end (R-BOOK-4: the join window closed, or the
 * meeting was cancelled through another instance), participants who stopped refreshing their token are gone, lobby
 * waits past their limit end (R-ROOM-5), and conferences nobody is in any more are forgotten, their lock with them.
 */
@ApplicationScoped
public class ConferenceHousekeeping {
    private static final Logger LOG = Logger.getLogger(ConferenceHousekeeping.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    LiveConferences live;

    @Inject
    ConferenceNotifier notifier;

    @Inject
    ConferenceControl control;

    @Inject
    JoinMetrics metrics;

    @Inject
    Clock clock;

    private ScheduledFuture<?> task;

    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.countPresentParticipants(() -> live.all().stream().mapToLong(Conference::presentCount).sum());
        task = scheduler.scheduleWithFixedDelay(this::sweep, 2, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void sweep() {
        try {
            Instant now = clock.instant();
            for (Conference conference : live.all()) {
                Conference.Departures departures = conference.expire(now);
                departures.left().forEach(participant -> notifier.departed(conference, participant));
                departures.timedOut().forEach(participant -> notifier.departed(conference, participant));
                live.forgetIfOver(conference);
            }
            control.endConferencesInShutRooms();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Conference housekeeping failed; it runs again in two seconds", e);
        }
    }
}
