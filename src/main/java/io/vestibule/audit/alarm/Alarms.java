package io.vestibule.audit.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import io.vestibule.audit.AuditLog;
import io.vestibule.platform.logging.LogText;

/**
 * Raised alarms (R-AUD-4): written to the log at WARNING, counted in {@code vestibule_alarms_raised_total} by type,
 * the active ones gauged in {@code vestibule_alarms_active} by type, and kept in the {@link AlarmStore} so that they
 * survive a restart: every active alarm and the newest {@value #KEPT_CLEARED} cleared ones.
 *
 * <p>The alarms are also held in memory, and that copy is the one read: an alarm is often raised because something
 * is failing, perhaps the database itself, and raising it must neither fail nor wait on a broken store. A write the
 * store refuses is logged and the alarm holds until the process ends.
 *
 * <p>An alarm that clears by itself (a break-in block) has its end in {@code clearsAt} from the start. One raised while
 * its condition lasts is cleared by whoever raised it; a new one of the same type and subject supersedes it (clears
 * it), so that an alarm raised before a restart, whose raiser no longer knows it, ends when the condition is seen
 * again.
 *
 * <p>Every raise and clear is also an audit event ({@link AlarmAuditTrail}); a change of an active alarm's detail
 * ({@link #update}) is not, as the condition goes on.
 */
@ApplicationScoped
public class Alarms {
    public static final int KEPT_CLEARED = 1000;
    private static final Logger LOG = Logger.getLogger(Alarms.class.getName());

    private AlarmStore store;
    private Clock clock;
    private MetricRegistry metrics;
    private int keptCleared;
    private final Set<String> gaugedTypes = ConcurrentHashMap.newKeySet();
    private List<Alarm> kept;
    private AlarmAuditTrail auditTrail;

    @Inject
    public Alarms(AlarmStore store, Clock clock, MetricRegistry metrics, AuditLog audit) {
        this(store, clock, metrics, KEPT_CLEARED, audit);
    }

    Alarms(AlarmStore store, Clock clock, MetricRegistry metrics, int keptCleared, AuditLog audit) {
        this.keptCleared = keptCleared;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.auditTrail = new AlarmAuditTrail(audit);
    }

    /** For CDI's client proxy only. */
    protected Alarms() {
    }

    public Alarm raise(String type, String subject, String detail, Optional<Instant> clearsAt) {
        Instant now = clock.instant();
        Alarm alarm = new Alarm(UUID.randomUUID(), type, subject, detail, now, clearsAt);
        List<Alarm> superseded;
        synchronized (this) {
            List<Alarm> alarms = loaded();
            superseded = alarms.stream().filter(old -> old.clearsAt().isEmpty() && old.type().equals(type) && old.subject().equals(subject))
                    .map(old -> ended(old, now)).toList();
            superseded.forEach(old -> replace(old, old));
            alarms.add(0, alarm);
        }
        superseded.forEach(old -> persist(() -> store.cleared(old.id(), now)));
        persist(() -> store.add(alarm));
        forgetOldCleared(now);
        metrics.counter("vestibule_alarms_raised", new Tag("type", type)).inc();
        gauge(type);
        LOG.warning(() -> "ALARM " + type + " raised for " + LogText.quoted(subject) + ": " + LogText.quoted(detail)
                + clearsAt.map(until -> "; clears at " + until).orElse(""));
        superseded.forEach(auditTrail::cleared);
        auditTrail.raised(alarm);
        return alarm;
    }

    /**
     * A new detail for an active alarm whose condition goes on, such as a count that grows: neither a new alarm nor an
     * audit event. Nothing happens to an alarm no longer active.
     */
    public void update(UUID id, String detail) {
        Instant now = clock.instant();
        Optional<Alarm> updated;
        synchronized (this) {
            updated = loaded().stream().filter(alarm -> alarm.id().equals(id) && alarm.activeAt(now)).findFirst()
                    .map(alarm -> new Alarm(alarm.id(), alarm.type(), alarm.subject(), detail, alarm.raisedAt(), alarm.clearsAt()));
            updated.ifPresent(alarm -> kept.set(indexOf(id), alarm));
        }
        updated.ifPresent(alarm -> {
            persist(() -> store.detailChanged(id, detail));
            LOG.warning(() -> "ALARM " + alarm.type() + " for " + LogText.quoted(alarm.subject()) + " goes on: " + LogText.quoted(detail));
        });
    }

    /**
     * A later end for an active alarm that clears by itself, whose condition now lasts longer (a break-in block
     * extended): logged, not audited, as the condition goes on. Nothing happens to an alarm no longer active, one
     * cleared by its raiser, or one that already ends at or after {@code clearsAt}.
     */
    public void clearsLater(UUID id, Instant clearsAt) {
        Instant now = clock.instant();
        Optional<Alarm> extended;
        synchronized (this) {
            extended = loaded().stream().filter(alarm -> alarm.id().equals(id) && alarm.activeAt(now)
                            && alarm.clearsAt().filter(clearsAt::isAfter).isPresent()).findFirst()
                    .map(alarm -> new Alarm(alarm.id(), alarm.type(), alarm.subject(), alarm.detail(), alarm.raisedAt(), Optional.of(clearsAt)));
            extended.ifPresent(alarm -> kept.set(indexOf(id), alarm));
        }
        extended.ifPresent(alarm -> {
            persist(() -> store.cleared(id, clearsAt));
            LOG.warning(() -> "ALARM " + alarm.type() + " for " + LogText.quoted(alarm.subject()) + " goes on; it now clears at " + clearsAt);
        });
    }

    /** Ends an alarm whose condition is over: it stays among the recent ones, no longer active. */
    public void clear(UUID id) {
        Instant now = clock.instant();
        Optional<Alarm> cleared;
        synchronized (this) {
            cleared = loaded().stream().filter(alarm -> alarm.id().equals(id) && alarm.activeAt(now)).findFirst();
            cleared.ifPresent(alarm -> replace(alarm, ended(alarm, now)));
        }
        cleared.ifPresent(alarm -> {
            persist(() -> store.cleared(id, now));
            LOG.info(() -> "ALARM " + alarm.type() + " cleared for " + LogText.quoted(alarm.subject()));
            auditTrail.cleared(alarm);
        });
    }

    /** Active and cleared alarms, newest raised first. */
    public synchronized List<Alarm> recent() {
        return List.copyOf(loaded());
    }

    public List<Alarm> active() {
        Instant now = clock.instant();
        return recent().stream().filter(alarm -> alarm.activeAt(now)).toList();
    }

    private long activeOfType(String type) {
        return active().stream().filter(alarm -> alarm.type().equals(type)).count();
    }

    /** The kept alarms, read from the store at first use; guarded by this. */
    private List<Alarm> loaded() {
        if (kept == null) {
            List<Alarm> stored = List.of();
            try {
                stored = store.all();
            } catch (AlarmStore.Unavailable e) {
                LOG.log(Level.WARNING, "The alarms raised before this start cannot be read: " + e.getMessage());
            }
            kept = new ArrayList<>(stored);
            stored.stream().map(Alarm::type).distinct().forEach(this::gauge);
        }
        return kept;
    }

    private void replace(Alarm old, Alarm now) {
        kept.set(indexOf(old.id()), now);
    }

    private int indexOf(UUID id) {
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("No kept alarm " + id);
    }

    private static Alarm ended(Alarm alarm, Instant at) {
        return new Alarm(alarm.id(), alarm.type(), alarm.subject(), alarm.detail(), alarm.raisedAt(), Optional.of(at));
    }

    private void forgetOldCleared(Instant now) {
        List<UUID> forgotten = new ArrayList<>();
        synchronized (this) {
            List<Alarm> cleared = loaded().stream().filter(alarm -> !alarm.activeAt(now))
                    .sorted((one, other) -> other.clearsAt().orElseThrow().compareTo(one.clearsAt().orElseThrow())).toList();
            cleared.stream().skip(keptCleared).forEach(alarm -> {
                kept.remove(alarm);
                forgotten.add(alarm.id());
            });
        }
        persist(() -> store.remove(forgotten));
    }

    private void gauge(String type) {
        if (gaugedTypes.add(type)) {
            metrics.gauge("vestibule_alarms_active", (Supplier<Long>) () -> activeOfType(type), Supplier::get, new Tag("type", type));
        }
    }

    private static void persist(Runnable write) {
        try {
            write.run();
        } catch (AlarmStore.Unavailable e) {
            LOG.log(Level.WARNING, "An alarm change could not be saved and holds only until the service stops: " + e.getMessage());
        }
    }
}
