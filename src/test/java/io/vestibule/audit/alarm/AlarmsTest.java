package io.vestibule.audit.alarm;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;
import io.vestibule.audit.AuditQuery;
import io.vestibule.audit.alarm.jdbc.JdbcAlarmStore;
import io.vestibule.testing.PostgresDatabase;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alarms kept in the service's embedded database (H2 in a file, the service's migrations): a "restart" is a new
 * {@link Alarms} over a new connection to the same file. The same on the machine's PostgreSQL when it runs.
 */
class AlarmsTest {
    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(START);
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final Map<String, Supplier<Long>> activeGauges = new ConcurrentHashMap<>();

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(database()).locations("classpath:db/migration").load().migrate();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        try (Connection connection = database().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    /** Kept open between connections (as the service's pool does), so that each statement does not reopen the file. */
    private DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + data.resolve("vestibule") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("vestibule");
        return h2;
    }

    private static final int KEPT_CLEARED = 20;

    private Alarms started() {
        return new Alarms(new JdbcAlarmStore(database()), clock, metrics(), KEPT_CLEARED, audit);
    }

    @Test
    void activeAndClearedAlarmsSurviveARestartAndABlockClearsByItself() {
        Alarms before = started();
        Alarm block = before.raise("break_in_address", "203.0.113.9", "too many join attempts", Optional.of(START.plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofSeconds(1));
        Alarm disk = before.raise("audit.disk_space", "/var/lib/vestibule/audit", "1 MB free", Optional.empty());
        Alarm failed = before.raise("keys.rotation_failed", "master key store", "not saved", Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        before.clear(failed.id());

        Alarms after = started();

        assertThat(after.active()).extracting(Alarm::id).containsExactly(disk.id(), block.id());
        assertThat(after.recent()).extracting(Alarm::id).containsExactlyInAnyOrder(block.id(), disk.id(), failed.id());
        assertThat(after.recent()).filteredOn(alarm -> alarm.id().equals(failed.id())).singleElement()
                .satisfies(alarm -> assertThat(alarm.clearsAt()).contains(START.plus(Duration.ofSeconds(61))));
        assertThat(activeGauges.get("break_in_address").get()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(9));
        assertThat(after.active()).extracting(Alarm::id).containsExactly(disk.id());
        assertThat(activeGauges.get("break_in_address").get()).as("the block ended by itself").isZero();
        assertThat(activeGauges.get("audit.disk_space").get()).isEqualTo(1);
    }

    @Test
    void aBlocksAlarmClearedBeforeItsEndEndsThenAndStaysClearedAfterARestart() {
        Alarms before = started();
        Alarm block = before.raise("break_in_account", "account bob", "too many failed sign-ins", Optional.of(START.plus(Duration.ofMinutes(15))));
        clock.advance(Duration.ofMinutes(2));

        before.clear(block.id());

        assertThat(before.active()).isEmpty();
        assertThat(started().recent()).singleElement().satisfies(alarm -> {
            assertThat(alarm.id()).isEqualTo(block.id());
            assertThat(alarm.clearsAt()).contains(START.plus(Duration.ofMinutes(2)));
        });
    }

    @Test
    void aBlockExtendedKeepsItsAlarmActiveUntilTheNewEndAcrossARestartAndIsNeverShortened() {
        Alarms before = started();
        Alarm block = before.raise("break_in_room", "room 1", "too many wrong PINs", Optional.of(START.plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofMinutes(3));

        before.clearsLater(block.id(), START.plus(Duration.ofMinutes(13)));
        before.clearsLater(block.id(), START.plus(Duration.ofMinutes(11)));

        clock.advance(Duration.ofMinutes(8));
        Alarms after = started();
        assertThat(after.active()).extracting(Alarm::id).as("past the first end, before the new one").containsExactly(block.id());
        assertThat(after.active()).singleElement().satisfies(alarm -> assertThat(alarm.clearsAt()).contains(START.plus(Duration.ofMinutes(13))));
        assertThat(audit.recorded).extracting(AuditEvent::type).as("the condition goes on: no event").containsExactly("alarm.raised");
        clock.advance(Duration.ofMinutes(2));
        assertThat(after.active()).isEmpty();
    }

    @Test
    void alarmsSurviveARestartOnPostgreSql() {
        Assumptions.assumeTrue(PostgresDatabase.available(), "no PostgreSQL at 127.0.0.1:5432");
        try (PostgresDatabase postgres = PostgresDatabase.create()) {
            PGSimpleDataSource database = new PGSimpleDataSource();
            database.setUrl(postgres.url());
            database.setUser(postgres.settings().get("VESTIBULE_DB_USER"));
            database.setPassword(postgres.settings().get("VESTIBULE_DB_PASSWORD"));
            Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
            Alarms before = new Alarms(new JdbcAlarmStore(database), clock, metrics(), KEPT_CLEARED, audit);
            Alarm block = before.raise("break_in_room", "room 1", "too many wrong PINs", Optional.of(START.plus(Duration.ofMinutes(10))));
            Alarm failed = before.raise("keys.rotation_failed", "master key store", "not saved", Optional.empty());
            clock.advance(Duration.ofMinutes(1));
            before.clear(failed.id());

            Alarms after = new Alarms(new JdbcAlarmStore(database), clock, metrics(), KEPT_CLEARED, audit);

            assertThat(after.recent()).containsExactlyInAnyOrder(block,
                    new Alarm(failed.id(), failed.type(), failed.subject(), failed.detail(), failed.raisedAt(), Optional.of(clock.instant())));
            assertThat(after.active()).containsExactly(block);
        }
    }

    @Test
    void aConditionSeenAgainAfterARestartSupersedesItsAlarmFromBefore() {
        Alarm old = started().raise("audit.disk_space", "/audit", "1 MB free", Optional.empty());
        clock.advance(Duration.ofSeconds(5));

        Alarms after = started();
        Alarm again = after.raise("audit.disk_space", "/audit", "2 MB free", Optional.empty());

        assertThat(after.active()).extracting(Alarm::id).containsExactly(again.id());
        assertThat(started().recent()).filteredOn(alarm -> alarm.id().equals(old.id())).singleElement()
                .satisfies(alarm -> assertThat(alarm.activeAt(clock.instant())).isFalse());
    }

    @Test
    void onlyTheNewestClearedAlarmsAreKeptAndEveryActiveOne() {
        Alarms alarms = started();
        Alarm lasting = alarms.raise("audit.integrity", "/audit", "a record was altered", Optional.empty());
        for (int block = 0; block <= KEPT_CLEARED; block++) {
            clock.advance(Duration.ofSeconds(1));
            alarms.raise("break_in_account", "account " + block, "too many failed sign-ins", Optional.of(clock.instant()));
        }

        Alarms restarted = started();

        assertThat(restarted.recent()).hasSize(KEPT_CLEARED + 1);
        assertThat(restarted.recent()).extracting(Alarm::subject)
                .contains("/audit", "account " + KEPT_CLEARED).doesNotContain("account 0");
        assertThat(restarted.active()).extracting(Alarm::id).containsExactly(lasting.id());
    }

    @Test
    void anAlarmIsRaisedEvenWhenTheDatabaseCannotBeWritten() {
        JdbcDataSource nowhere = new JdbcDataSource();
        nowhere.setURL("jdbc:h2:file:" + data.resolve("missing/db") + ";IFEXISTS=TRUE");
        Alarms alarms = new Alarms(new JdbcAlarmStore(nowhere), clock, metrics(), KEPT_CLEARED, audit);
        audit.sink = event -> {
            throw new IllegalStateException("the database is gone");
        };

        Alarm raised = alarms.raise("cdr.not_writing", "call-record journal", "disk full", Optional.empty());

        assertThat(alarms.active()).containsExactly(raised);
    }

    @Test
    void raisingAndClearingAreAuditEventsButADetailThatGoesOnIsNot() {
        Alarms alarms = started();
        Alarm full = alarms.raise("audit.files_unwritten", "/audit", "1 audit events could not be written", Optional.empty());
        alarms.update(full.id(), "2 audit events could not be written");
        clock.advance(Duration.ofSeconds(5));
        alarms.clear(full.id());
        alarms.clear(full.id());

        assertThat(audit.recorded).extracting(AuditEvent::type).containsExactly("alarm.raised", "alarm.cleared");
        assertThat(audit.recorded).extracting(AuditEvent::actor).containsOnly("system");
        assertThat(audit.recorded.get(0).detail()).contains("audit.files_unwritten", "/audit", full.id().toString(), "1 audit events");
        assertThat(audit.recorded.get(1).detail()).contains("audit.files_unwritten", full.id().toString(), "raised at " + START);
        assertThat(started().recent()).singleElement().satisfies(kept -> assertThat(kept.detail()).startsWith("2 audit events"));
    }

    @Test
    void aSupersededAlarmIsRecordedAsClearedBeforeItsSuccessorIsRaised() {
        Alarms alarms = started();
        Alarm first = alarms.raise("keys.rotation_failed", "master key store", "not saved", Optional.empty());
        Alarm second = alarms.raise("keys.rotation_failed", "master key store", "not saved again", Optional.empty());

        assertThat(audit.recorded).extracting(event -> event.type() + " " + event.detail().contains(first.id().toString())
                        + " " + event.detail().contains(second.id().toString()))
                .containsExactly("alarm.raised true false", "alarm.cleared true false", "alarm.raised false true");
    }

    /**
     * The audit files raise an alarm when they cannot write an event, and that alarm's own event cannot be written
     * either: here a sink that raises a new alarm for every event it is handed, the worst a sink could do.
     */
    @Test
    void anAlarmRaisedWhileAnAlarmEventIsRecordedEndsTheChainInsteadOfLooping() {
        Alarms alarms = started();
        AtomicInteger handed = new AtomicInteger();
        audit.sink = event -> alarms.raise("audit.files_unwritten", "/audit " + handed.incrementAndGet(), "event " + event.id() + " not written",
                Optional.empty());

        Alarm disk = alarms.raise("audit.disk_space", "/audit", "1 MiB free", Optional.empty());

        assertThat(handed).hasValue(1);
        assertThat(audit.recorded).extracting(AuditEvent::type).containsExactly("alarm.raised");
        assertThat(audit.recorded.get(0).detail()).contains(disk.id().toString());
        assertThat(alarms.active()).extracting(Alarm::type).containsExactlyInAnyOrder("audit.disk_space", "audit.files_unwritten");

        audit.sink = event -> { };
        alarms.raise("break_in_address", "203.0.113.9", "too many join attempts", Optional.empty());
        assertThat(audit.recorded).as("the thread records alarm events again afterwards").hasSize(2);
    }

    /** The audit log in memory: each recorded event is handed to {@code sink}, as the real one hands it to the files. */
    private static final class RecordingAuditLog implements AuditLog {
        final List<AuditEvent> recorded = new ArrayList<>();
        Consumer<AuditEvent> sink = event -> { };

        @Override
        public void record(AuditEventType type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail) {
            AuditEvent event = new AuditEvent(recorded.size() + 1, START, type.type(), actor, sourceAddress, outcome, detail);
            sink.accept(event);
            recorded.add(event);
        }

        @Override
        public List<AuditEvent> find(AuditQuery query) {
            return List.copyOf(recorded);
        }

        @Override
        public long count(AuditQuery query) {
            return recorded.size();
        }
    }

    @SuppressWarnings("unchecked")
    private MetricRegistry metrics() {
        return (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MetricRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "counter" -> Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Counter.class},
                            (counter, call, none) -> null);
                    case "gauge" -> {
                        assertThat(args[0]).isEqualTo("vestibule_alarms_active");
                        Tag type = ((Tag[]) args[3])[0];
                        activeGauges.put(type.getTagValue(), (Supplier<Long>) args[1]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
