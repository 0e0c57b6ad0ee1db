package io.vestibule.admin.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.vestibule.audit.alarm.Alarm;
import io.vestibule.audit.alarm.Alarms;

/**
 * The {@code cdr_backlog} alarm (R-AUD-4): call records acknowledged in the journal that the database does not have
 * yet, past {@code records} of them or once one waited longer than {@code wait} (the database is down or too slow;
 * the records are safe in the journal meanwhile). Events that cannot even reach the journal are {@code cdr.not_writing}'s.
 * Raised again, with the new count, each time the backlog doubles; cleared once under half the bound with none
 * waiting too long, so that a backlog hovering at the bound does not raise and clear at every check.
 *
 * <p>How long records wait is seen from the checks: the time of the first check at which the records still waiting
 * were journaled. Over a steady flow that the database keeps up with, each check sees a new first one.
 */
public final class CallRecordBacklog {
    static final String TYPE = "cdr_backlog";

    private final Alarms alarms;
    private final Clock clock;
    private final long records;
    private final Duration wait;
    private Optional<Alarm> raised = Optional.empty();
    /** The backlog the alarm gave; guarded by this. */
    private long raisedAt;
    private boolean adopted;
    /** The first check that saw records waiting, and the highest sequence journaled then. */
    private Instant waitingSince;
    private long waitingThrough;

    public CallRecordBacklog(Alarms alarms, Clock clock, long records, Duration wait) {
        if (records < 1 || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("The call-record backlog alarm needs a positive count and time");
        }
        this.alarms = alarms;
        this.clock = clock;
        this.records = records;
        this.wait = wait;
    }

    /** {@code acknowledged}: the highest sequence in the journal; {@code shipped}: the highest in the database. */
    public synchronized void check(long acknowledged, long shipped) {
        Instant now = clock.instant();
        adoptEarlier();
        long backlog = Math.max(0, acknowledged - shipped);
        if (backlog == 0) {
            waitingSince = null;
        } else if (waitingSince == null || shipped >= waitingThrough) {
            waitingSince = now;
            waitingThrough = acknowledged;
        }
        Duration waited = waitingSince == null ? Duration.ZERO : Duration.between(waitingSince, now);
        boolean tooMany = backlog > records;
        boolean tooLong = waited.compareTo(wait) > 0;
        if (raised.isEmpty() && (tooMany || tooLong) || raised.isPresent() && backlog >= 2 * Math.max(raisedAt, 1)) {
            raised.ifPresent(alarm -> alarms.clear(alarm.id()));
            raisedAt = backlog;
            raised = Optional.of(alarms.raise(TYPE, "call-record journal", backlog + " call records wait in the journal for the database"
                    + (waited.isZero() ? "" : ", the oldest for at least " + minutes(waited))
                    + " (alarm past " + records + " records or " + minutes(wait) + "); they are safe on disk and are stored once the "
                    + "database takes them. See docs/admin-guide.md, \"Call records\"", Optional.empty()));
        } else if (raised.isPresent() && backlog <= records / 2 && !tooLong) {
            alarms.clear(raised.get().id());
            raised = Optional.empty();
        }
    }

    /** An alarm raised before a restart is this one's until it clears, so that it clears once the backlog drained. */
    private void adoptEarlier() {
        if (!adopted) {
            adopted = true;
            raised = alarms.active().stream().filter(alarm -> alarm.type().equals(TYPE) && alarm.clearsAt().isEmpty()).findFirst();
            raisedAt = records;
        }
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
