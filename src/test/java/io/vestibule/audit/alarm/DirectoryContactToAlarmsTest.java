package io.vestibule.audit.alarm;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestAlarms;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryContactToAlarmsTest {
    private static final String DIRECTORY = "ldaps://dc1.example.org:636";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final Alarms alarms = TestAlarms.over(clock);
    private final DirectoryContactToAlarms contact = new DirectoryContactToAlarms(alarms);

    @Test
    void anUnreachableDirectoryRaisesOneAlarmPerOutageAndTheNextContactClearsIt() {
        contact.unreachable(DIRECTORY, "Connection refused");
        clock.advance(Duration.ofSeconds(10));
        contact.unreachable(DIRECTORY, "Connection refused");

        assertThat(alarms.active()).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).isEqualTo("directory_unreachable");
            assertThat(alarm.subject()).isEqualTo(DIRECTORY);
            assertThat(alarm.detail()).contains("Connection refused");
        });
        assertThat(alarms.recent()).hasSize(1);

        contact.reached(DIRECTORY);

        assertThat(alarms.active()).isEmpty();
        assertThat(alarms.recent()).singleElement().satisfies(alarm -> assertThat(alarm.clearsAt()).contains(clock.instant()));
    }

    @Test
    void aReachedDirectoryRaisesNothing() {
        contact.reached(DIRECTORY);

        assertThat(alarms.recent()).isEmpty();
    }

    @Test
    void theNextOutageRaisesANewAlarm() {
        contact.unreachable(DIRECTORY, "timeout");
        contact.reached(DIRECTORY);
        contact.unreachable(DIRECTORY, "timeout");

        assertThat(alarms.active()).hasSize(1);
        assertThat(alarms.recent()).hasSize(2);
    }

    @Test
    void eachDirectoryHasItsOwnAlarm() {
        contact.unreachable(DIRECTORY, "timeout");
        contact.unreachable("ldap://dc2.example.org:389", "timeout");
        contact.reached("ldap://dc2.example.org:389");

        assertThat(alarms.active()).singleElement().satisfies(alarm -> assertThat(alarm.subject()).isEqualTo(DIRECTORY));
    }

    @Test
    void theFirstContactAfterARestartClearsTheAlarmRaisedBeforeIt() {
        contact.unreachable(DIRECTORY, "timeout");
        DirectoryContactToAlarms restarted = new DirectoryContactToAlarms(alarms);

        restarted.reached(DIRECTORY);

        assertThat(alarms.active()).isEmpty();
    }
}
