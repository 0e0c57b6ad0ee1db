package io.vestibule.audit.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import io.vestibule.platform.logging.LogText;

/**
 * Raised alarms: written to the log at WARNING, counted in the metric {@code vestibule_alarms_raised_total} by
 * type, and kept (the latest 1000) for the admin console and API that come with the administrator work.
 */
@ApplicationScoped
public class Alarms {
    private static final Logger LOG = Logger.getLogger(Alarms.class.getName());
    private static final int KEPT = 1000;

    private final Deque<Alarm> recent = new ArrayDeque<>();

    @Inject
    Clock clock;

    @Inject
    MetricRegistry metrics;

    public Alarm raise(String type, String subject, String detail, Optional<Instant> clearsAt) {
        Alarm alarm = new Alarm(UUID.randomUUID(), type, subject, detail, clock.instant(), clearsAt);
        synchronized (recent) {
            recent.addFirst(alarm);
            while (recent.size() > KEPT) {
                recent.removeLast();
            }
        }
        metrics.counter("vestibule_alarms_raised", new Tag("type", type)).inc();
        LOG.warning(() -> "ALARM " + type + " raised for " + LogText.quoted(subject) + ": " + LogText.quoted(detail)
                + clearsAt.map(until -> "; clears at " + until).orElse(""));
        return alarm;
    }

    /** Ends an alarm whose condition is over: it stays among the recent ones, no longer active. */
    public void clear(UUID id) {
        Instant now = clock.instant();
        Optional<Alarm> cleared;
        synchronized (recent) {
            List<Alarm> kept = List.copyOf(recent);
            cleared = kept.stream().filter(alarm -> alarm.id().equals(id) && alarm.activeAt(now)).findFirst()
                    .map(alarm -> new Alarm(alarm.id(), alarm.type(), alarm.subject(), alarm.detail(), alarm.raisedAt(), Optional.of(now)));
            cleared.ifPresent(done -> {
                recent.clear();
                kept.forEach(alarm -> recent.addLast(alarm.id().equals(id) ? done : alarm));
            });
        }
        cleared.ifPresent(alarm -> LOG.info(() -> "ALARM " + alarm.type() + " cleared for " + LogText.quoted(alarm.subject())));
    }

    public List<Alarm> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    public List<Alarm> active() {
        Instant now = clock.instant();
        return recent().stream().filter(alarm -> alarm.activeAt(now)).toList();
    }
}
