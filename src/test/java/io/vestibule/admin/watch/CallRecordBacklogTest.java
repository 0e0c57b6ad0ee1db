package io.vestibule.admin.watch;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vestibule.audit.alarm.Alarm;
import io.vestibule.audit.alarm.Alarms;
import io.vestibule.testing.TestAlarms;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallRecordBacklogTest {
    private static final Duration CHECKS = Duration.ofSeconds(5);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final Alarms alarms = TestAlarms.over(clock);
    private final CallRecordBacklog backlog = new CallRecordBacklog(alarms, clock, 1000, Duration.ofSeconds(60));

    private void check(long acknowledged, long shipped) {
        backlog.check(acknowledged, shipped);
        clock.advance(CHECKS);
    }

    @Test
    void aDatabaseThatKeepsUpRaisesNothing() {
        for (long second = 0; second < 600; second += 5) {
            check(100_000 + second * 50, 100_000 + second * 50 - 200);
        }

        assertThat(alarms.recent()).isEmpty();
    }

    @Test
    void pastTheCountTheAlarmSaysHowManyWaitAndClearsOnceDrained() {
        check(500, 0);
        assertThat(alarms.recent()).isEmpty();

        check(1500, 0);
        assertThat(alarms.active()).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).isEqualTo("cdr_backlog");
            assertThat(alarm.detail()).startsWith("1500 call records wait");
        });

        check(1500, 900);
        assertThat(alarms.active()).as("still above half the bound").hasSize(1);
        check(1500, 1500);
        assertThat(alarms.active()).isEmpty();
    }

    @Test
    void recordsWaitingLongerThanTheBoundRaiseItWhateverTheirCount() {
        for (int i = 0; i <= 12; i++) {
            check(10, 0);
        }
        assertThat(alarms.recent()).isEmpty();

        check(10, 0);

        assertThat(alarms.active()).singleElement().satisfies(alarm -> assertThat(alarm.detail()).contains("10 call records", "at least 1 min"));
        check(12, 10);
        assertThat(alarms.active()).isEmpty();
    }

    @Test
    void aSlowDatabaseThatNeverEmptiesTheBacklogIsSeenByTheAgeOfTheOldestRecords() {
        // Each check journals 100 more, the database stores 50: the backlog grows slowly, never reaching the count.
        long acknowledged = 100;
        long shipped = 0;
        for (int i = 0; i < 20 && alarms.recent().isEmpty(); i++) {
            check(acknowledged, shipped);
            acknowledged += 10;
            shipped += 5;
        }

        assertThat(alarms.active()).singleElement().satisfies(alarm -> assertThat(alarm.type()).isEqualTo("cdr_backlog"));
    }

    @Test
    void itIsRaisedAgainWithTheNewCountWhenTheBacklogDoubles() {
        check(1500, 0);
        check(2000, 0);
        assertThat(alarms.recent()).hasSize(1);

        check(3000, 0);

        assertThat(alarms.active()).singleElement().satisfies(alarm -> assertThat(alarm.detail()).startsWith("3000 call records"));
        assertThat(alarms.recent()).hasSize(2);
    }

    @Test
    void anAlarmRaisedBeforeARestartClearsOnceTheBacklogDrained() {
        check(1500, 0);
        CallRecordBacklog restarted = new CallRecordBacklog(alarms, clock, 1000, Duration.ofSeconds(60));

        restarted.check(1500, 1500);

        assertThat(alarms.active()).isEmpty();
        assertThat(alarms.recent()).extracting(Alarm::type).containsExactly("cdr_backlog");
    }

    @Test
    void theBoundsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CallRecordBacklog(alarms, clock, 0, Duration.ofSeconds(60)));
        assertThatIllegalArgumentException().isThrownBy(() -> new CallRecordBacklog(alarms, clock, 10, Duration.ZERO));
    }
}
