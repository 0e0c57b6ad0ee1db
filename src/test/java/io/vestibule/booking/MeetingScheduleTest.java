package io.vestibule.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vestibule.platform.FieldRefused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MeetingScheduleTest {
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private static ZonedDateTime madrid(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, MADRID);
    }

    private static Instant at(int month, int day, int hour, int minute) {
        return madrid(month, day, hour, minute).toInstant();
    }

    private static MeetingSchedule single() {
        return new MeetingSchedule(madrid(12, 1, 10, 0), madrid(12, 1, 11, 0), Optional.empty());
    }

    private static MeetingSchedule weekly(ZonedDateTime start, String rule) {
        return new MeetingSchedule(start, start.plusHours(1), Optional.of(Recurrence.parse(rule)));
    }

    @Test
    void aMeetingOpensFifteenMinutesBeforeItsStart() {
        assertThat(single().admissionAt(at(12, 1, 9, 44), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.NotYetOpen(at(12, 1, 9, 45)));
        assertThat(single().admissionAt(at(12, 1, 9, 45), JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
    }

    @Test
    void aMeetingLongBeforeItsStartSaysWhenItOpens() {
        assertThat(single().admissionAt(at(6, 1, 12, 0), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.NotYetOpen(at(12, 1, 9, 45)));
    }

    @Test
    void aMeetingIsOpenDuringItAndUntilThirtyMinutesAfterItsEnd() {
        assertThat(single().admissionAt(at(12, 1, 10, 30), JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
        assertThat(single().admissionAt(at(12, 1, 11, 0), JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
        assertThat(single().admissionAt(at(12, 1, 11, 30), JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
    }

    @Test
    void aMeetingClosesThirtyMinutesAfterItsEnd() {
        assertThat(single().admissionAt(at(12, 1, 11, 31), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Closed(at(12, 1, 11, 30)));
        assertThat(single().admissionAt(at(12, 1, 11, 30).plusSeconds(1), JoinWindow.DEFAULT))
                .isInstanceOf(Admission.Closed.class);
        assertThat(single().admissionAt(Instant.parse("2030-01-01T00:00:00Z"), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Closed(at(12, 1, 11, 30)));
    }

    @Test
    void theWindowIsConfigurable() {
        JoinWindow tight = new JoinWindow(Duration.ofMinutes(5), Duration.ZERO);
        assertThat(single().admissionAt(at(12, 1, 9, 54), tight)).isEqualTo(new Admission.NotYetOpen(at(12, 1, 9, 55)));
        assertThat(single().admissionAt(at(12, 1, 9, 55), tight)).isEqualTo(new Admission.Open());
        assertThat(single().admissionAt(at(12, 1, 11, 0), tight)).isEqualTo(new Admission.Open());
        assertThat(single().admissionAt(at(12, 1, 11, 0).plusSeconds(1), tight))
                .isEqualTo(new Admission.Closed(at(12, 1, 11, 0)));
    }

    @Test
    void aJoinWindowCannotBeNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JoinWindow(Duration.ofMinutes(-1), Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new JoinWindow(Duration.ZERO, Duration.ofMinutes(-1)));
    }

    @Test
    void theDefaultWindowIsFifteenMinutesBeforeAndThirtyAfter() {
        assertThat(JoinWindow.DEFAULT).isEqualTo(new JoinWindow(Duration.ofMinutes(15), Duration.ofMinutes(30)));
    }

    @Test
    void betweenTwoOccurrencesASeriesSaysWhenTheNextOpens() {
        MeetingSchedule series = weekly(madrid(12, 1, 10, 0), "FREQ=WEEKLY;COUNT=3");
        assertThat(series.admissionAt(at(12, 3, 12, 0), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.NotYetOpen(at(12, 8, 9, 45)));
        assertThat(series.admissionAt(at(12, 1, 11, 31), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.NotYetOpen(at(12, 8, 9, 45)));
    }

    @Test
    void everyOccurrenceOfASeriesIsOpen() {
        MeetingSchedule series = weekly(madrid(12, 1, 10, 0), "FREQ=WEEKLY;COUNT=3");
        assertThat(series.admissionAt(at(12, 1, 10, 30), JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
        assertThat(series.admissionAt(at(12, 8, 9, 45), JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
        assertThat(series.admissionAt(at(12, 15, 11, 30), JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
    }

    @Test
    void afterItsLastOccurrenceASeriesIsClosed() {
        MeetingSchedule series = weekly(madrid(12, 1, 10, 0), "FREQ=WEEKLY;COUNT=3");
        assertThat(series.admissionAt(at(12, 15, 11, 31), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Closed(at(12, 15, 11, 30)));
        assertThat(series.admissionAt(at(12, 22, 10, 0), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Closed(at(12, 15, 11, 30)));
    }

    @Test
    void aSeriesWithoutEndKeepsOpeningEveryWeek() {
        MeetingSchedule series = weekly(madrid(12, 1, 10, 0), "FREQ=WEEKLY");
        Instant aYearLater = madrid(12, 1, 10, 30).plusYears(1).plusDays(-1).toInstant(); // a Tuesday in 2027
        assertThat(series.admissionAt(aYearLater, JoinWindow.DEFAULT)).isEqualTo(new Admission.Open());
    }

    @Test
    void aWeeklySeriesKeepsItsLocalTimeAcrossADaylightSavingChange() {
        // Summer time in Madrid ends on Sunday 25 October 2026: 10:00 is 08:00Z before and 09:00Z after.
        MeetingSchedule series = weekly(madrid(10, 20, 10, 0), "FREQ=WEEKLY;COUNT=3");
        Admission next = series.admissionAt(at(10, 21, 12, 0), JoinWindow.DEFAULT);

        assertThat(next).isEqualTo(new Admission.NotYetOpen(Instant.parse("2026-10-27T08:45:00Z")));
        Instant opensAt = ((Admission.NotYetOpen) next).opensAt();
        assertThat(opensAt.atZone(MADRID).toLocalTime()).hasToString("09:45");
        assertThat(opensAt.atZone(MADRID).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(madrid(10, 20, 9, 45).getOffset()).isEqualTo(ZoneOffset.ofHours(2));

        assertThat(series.admissionAt(Instant.parse("2026-10-27T09:30:00Z"), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Open());
        assertThat(series.admissionAt(Instant.parse("2026-11-03T11:00:00Z"), JoinWindow.DEFAULT))
                .isEqualTo(new Admission.Closed(Instant.parse("2026-11-03T10:30:00Z")));
    }

    @Test
    void theEndMustFollowTheStart() {
        assertThatExceptionOfType(FieldRefused.class)
                .isThrownBy(() -> new MeetingSchedule(madrid(12, 1, 10, 0), madrid(12, 1, 10, 0), Optional.empty()))
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("end"));
        assertThatExceptionOfType(FieldRefused.class)
                .isThrownBy(() -> new MeetingSchedule(madrid(12, 1, 10, 0), madrid(12, 1, 9, 0), Optional.empty()))
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("end"));
    }

    @Test
    void aMeetingLastsAtMostADay() {
        assertThat(new MeetingSchedule(madrid(12, 1, 10, 0), madrid(12, 2, 10, 0), Optional.empty()).duration())
                .isEqualTo(Duration.ofHours(24));
        assertThatExceptionOfType(FieldRefused.class)
                .isThrownBy(() -> new MeetingSchedule(madrid(12, 1, 10, 0), madrid(12, 2, 10, 1), Optional.empty()))
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("end"));
    }

    @Test
    void ofPlacesInstantsInTheMeetingsZone() {
        MeetingSchedule schedule = MeetingSchedule.of(Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), MADRID, Optional.empty());
        assertThat(schedule.zone()).isEqualTo(MADRID);
        assertThat(schedule.start().toLocalTime()).hasToString("10:00");
        assertThat(schedule.duration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aWeeklySeriesMustStartOnOneOfItsDays() {
        ZonedDateTime tuesday = madrid(12, 1, 10, 0);
        assertThat(tuesday.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);

        assertThatExceptionOfType(FieldRefused.class)
                .isThrownBy(() -> weekly(tuesday, "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"))
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("recurrence"));
        assertThat(weekly(tuesday, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4").admissionAt(tuesday.toInstant(), JoinWindow.DEFAULT))
                .isInstanceOf(Admission.Open.class);
        assertThat(weekly(tuesday, "FREQ=WEEKLY;COUNT=4").recurrence()).isPresent();
    }
}
