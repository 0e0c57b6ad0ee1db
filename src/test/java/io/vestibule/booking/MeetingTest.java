package io.vestibule.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MeetingTest {
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, MADRID);
    private static final Instant BOOKED = Instant.parse("2026-11-20T08:00:00Z");

    private final UUID id = UUID.randomUUID();
    private final MeetingSchedule schedule = new MeetingSchedule(START, START.plusHours(1),
            Optional.of(Recurrence.parse("FREQ=WEEKLY;COUNT=4")));
    private final Meeting meeting = new Meeting(id, UUID.randomUUID(), UUID.randomUUID(), "Quarterly review", schedule,
            List.of("ana@example.org", "ben@example.org"), "meet.example.org", BOOKED);

    @Test
    void aNewMeetingIsScheduledAtSequenceZero() {
        assertThat(meeting.status()).isEqualTo(MeetingStatus.SCHEDULED);
        assertThat(meeting.icsSequence()).isZero();
        assertThat(meeting.id()).isEqualTo(id);
        assertThat(meeting.title()).isEqualTo("Quarterly review");
        assertThat(meeting.invitees()).containsExactly("ana@example.org", "ben@example.org");
    }

    @Test
    void itsCalendarUidIsItsIdAtTheDomain() {
        assertThat(meeting.icsUid()).isEqualTo(id + "@meet.example.org");
    }

    @Test
    void itKeepsItsScheduleIncludingZoneAndRecurrence() {
        MeetingSchedule kept = meeting.schedule();
        assertThat(kept.start()).isEqualTo(START);
        assertThat(kept.end()).isEqualTo(START.plusHours(1));
        assertThat(kept.zone()).isEqualTo(MADRID);
        assertThat(kept.recurrence()).hasValueSatisfying(rule -> assertThat(rule.count()).isEqualTo(4));
    }

    @Test
    void laterChangesToTheCallersInviteeListDoNotReachTheMeeting() {
        List<String> invitees = new ArrayList<>(List.of("ana@example.org"));
        Meeting own = new Meeting(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "t", schedule, invitees,
                "meet.example.org", BOOKED);
        invitees.add("mallory@example.org");
        assertThat(own.invitees()).containsExactly("ana@example.org");
    }

    @Test
    void eachRevisionRaisesTheSequenceByOne() {
        MeetingSchedule later = new MeetingSchedule(START.plusHours(2), START.plusHours(3), Optional.empty());
        meeting.revise("Quarterly review (moved)", later, List.of("ana@example.org"), BOOKED.plusSeconds(60));
        assertThat(meeting.icsSequence()).isEqualTo(1);
        assertThat(meeting.title()).isEqualTo("Quarterly review (moved)");
        assertThat(meeting.schedule().start()).isEqualTo(START.plusHours(2));
        assertThat(meeting.schedule().recurrence()).isEmpty();
        assertThat(meeting.invitees()).containsExactly("ana@example.org");

        meeting.revise("Quarterly review", later, List.of(), BOOKED.plusSeconds(120));
        assertThat(meeting.icsSequence()).isEqualTo(2);
        assertThat(meeting.icsUid()).isEqualTo(id + "@meet.example.org");
    }

    @Test
    void cancellingRaisesTheSequenceOnceAndASecondCancelChangesNothing() {
        meeting.cancel(BOOKED.plusSeconds(60));
        assertThat(meeting.status()).isEqualTo(MeetingStatus.CANCELLED);
        assertThat(meeting.icsSequence()).isEqualTo(1);

        meeting.cancel(BOOKED.plusSeconds(120));
        assertThat(meeting.status()).isEqualTo(MeetingStatus.CANCELLED);
        assertThat(meeting.icsSequence()).isEqualTo(1);
    }

    @Test
    void aCancelledMeetingCannotBeRevised() {
        meeting.cancel(BOOKED.plusSeconds(60));
        assertThatExceptionOfType(Meeting.MeetingCancelled.class)
                .isThrownBy(() -> meeting.revise("again", schedule, List.of(), BOOKED.plusSeconds(120)));
        assertThat(meeting.icsSequence()).isEqualTo(1);
        assertThat(meeting.title()).isEqualTo("Quarterly review");
    }

    @Test
    void aScheduledMeetingAdmitsWithinItsWindow() {
        assertThat(meeting.times().admissionAt(START.plusMinutes(30).toInstant(), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Open());
    }

    @Test
    void aCancelledMeetingAdmitsNoOneEvenDuringItsWindow() {
        meeting.cancel(BOOKED.plusSeconds(60));
        assertThat(meeting.times().admissionAt(START.plusMinutes(30).toInstant(), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Cancelled());
        assertThat(meeting.times().admissionAt(START.minusDays(1).toInstant(), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Cancelled());
        assertThat(meeting.times().admissionAt(START.plusWeeks(2).plusMinutes(30).toInstant(), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Cancelled());
    }
}
