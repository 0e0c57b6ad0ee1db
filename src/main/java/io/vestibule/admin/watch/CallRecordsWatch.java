package io.vestibule.admin.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.vestibule.audit.alarm.Alarm;
import io.vestibule.audit.alarm.Alarms;
import io.vestibule.cdr.CallRecords;

/**
 * Raises the {@code cdr_backlog} alarm while records wait for the database ({@link CallRecordBacklog}), and the
 * {@code cdr.not_writing} alarm while call records cannot be written (the journal broke, or its writes keep
 * failing, as on a full disk), saying how many joins were refused and how many events have no record (issue 20). Checked every 5 s; the alarm
 * is raised again before it clears for as long as the condition lasts, and clears by itself within
 * {@link #ALARM_LIFETIME} once records are written again.
 */
@ApplicationScoped
public class CallRecordsWatch {
    static final Duration ALARM_LIFETIME = Duration.ofMinutes(3);
    private static final Duration RAISE_AGAIN_BEFORE = Duration.ofMinutes(1);

    @Inject
    CallRecords records;

    @Inject
    Alarms alarms;

    @Inject
    Clock clock;

    @Inject
    Config config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> checks;
    private Optional<Alarm> raised = Optional.empty();
    private CallRecordBacklog backlog;

    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        backlog = new CallRecordBacklog(alarms, clock, config.getOptionalValue("vestibule.cdr.backlog-alarm-records", Long.class).orElse(10_000L),
                Duration.ofSeconds(config.getOptionalValue("vestibule.cdr.backlog-alarm-seconds", Long.class).orElse(60L)));
        checks = scheduler.scheduleWithFixedDelay(this::check, 5, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
    }

    synchronized void check() {
        backlog.check(records.acknowledged(), records.shipped());
        Optional<String> why = records.notWritingBecause();
        Instant now = clock.instant();
        if (why.isEmpty() || raised.flatMap(Alarm::clearsAt).filter(clears -> clears.isAfter(now.plus(RAISE_AGAIN_BEFORE))).isPresent()) {
            return;
        }
        raised = Optional.of(alarms.raise("cdr.not_writing", "call-record journal", "Call records cannot be written (" + why.get()
                + "); joins are refused: " + records.refused() + " so far, and " + records.lost() + " events have no record. "
                + "See docs/admin-guide.md, \"Call records\"",
                Optional.of(now.plus(ALARM_LIFETIME))));
    }
}
