package io.vestibule.testing;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;
import io.vestibule.audit.AuditQuery;
import io.vestibule.audit.alarm.Alarm;
import io.vestibule.audit.alarm.AlarmStore;
import io.vestibule.audit.alarm.Alarms;

/** Real {@link Alarms} over a store in memory and metrics that count nothing: for tests of what raises and clears them. */
public final class TestAlarms {
    private TestAlarms() {
    }

    public static Alarms over(Clock clock) {
        return new Alarms(new InMemoryStore(), clock, metrics(), new UnreadAuditLog());
    }

    /** The audit events alarms write are not what these tests are about: {@code AlarmsTest} reads those. */
    private static final class UnreadAuditLog implements AuditLog {
        @Override
        public void record(AuditEventType type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail) {
        }

        @Override
        public List<AuditEvent> find(AuditQuery query) {
            return List.of();
        }

        @Override
        public long count(AuditQuery query) {
            return 0;
        }
    }

    private static MetricRegistry metrics() {
        ClassLoader loader = TestAlarms.class.getClassLoader();
        return (MetricRegistry) Proxy.newProxyInstance(loader, new Class<?>[] {MetricRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "counter" -> Proxy.newProxyInstance(loader, new Class<?>[] {Counter.class}, (counter, call, none) -> null);
                    case "gauge" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class InMemoryStore implements AlarmStore {
        private final List<Alarm> alarms = new ArrayList<>();

        @Override
        public synchronized void add(Alarm alarm) {
            alarms.add(0, alarm);
        }

        @Override
        public synchronized void cleared(UUID id, Instant at) {
            alarms.replaceAll(alarm -> alarm.id().equals(id)
                    ? new Alarm(id, alarm.type(), alarm.subject(), alarm.detail(), alarm.raisedAt(), Optional.of(at)) : alarm);
        }

        @Override
        public synchronized void detailChanged(UUID id, String detail) {
            alarms.replaceAll(alarm -> alarm.id().equals(id)
                    ? new Alarm(id, alarm.type(), alarm.subject(), detail, alarm.raisedAt(), alarm.clearsAt()) : alarm);
        }

        @Override
        public synchronized List<Alarm> all() {
            return List.copyOf(alarms);
        }

        @Override
        public synchronized void remove(List<UUID> ids) {
            alarms.removeIf(alarm -> ids.contains(alarm.id()));
        }
    }
}
