package io.vestibule.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.platform.FieldRefused;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingChanges;
import io.vestibule.booking.MeetingStatus;
import io.vestibule.booking.Organizer;
import io.vestibule.rooms.Room;

import static io.vestibule.calendar.CalendarFixture.NOW;
import static io.vestibule.calendar.CalendarFixture.organizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CalendarEventsTest {
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));
    private static final Organizer ALICE = organizer("alice");
    private static final Organizer BOB = organizer("bob");

    private final CalendarFixture fixture = new CalendarFixture();
    private final CalendarEvents calendar = fixture.calendar;

    @Test
    void theFirstCallBooksAMeetingAndTheSameEventAgainFindsItUnchanged() {
        CalendarEventKey key = CalendarEventKey.of("AAMkAGI2TG93AAA=");

        CalendarMeeting first = calendar.put(ALICE, key, event("Review", TOMORROW), Locale.ENGLISH);
        CalendarMeeting again = calendar.put(ALICE, key, event("Review", TOMORROW), Locale.ENGLISH);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.meetingId()).isEqualTo(first.meetingId());
        assertThat(fixture.meetings.ownedBy(ALICE.id())).hasSize(1);
        Meeting meeting = fixture.meeting(first.meetingId());
        assertThat(meeting.title()).isEqualTo("Review");
        assertThat(meeting.icsSequence()).as("an unchanged event raises no sequence").isZero();
        assertThat(first.joinUrl()).hasToString(CalendarFixture.PUBLIC_URL + "join/" + first.alias());
    }

    @Test
    void theAnswerAndTheJoinBlockCarryTheGuestPinAndNeverTheHostPin() {
        CalendarMeeting meeting = calendar.put(ALICE, CalendarEventKey.of("k1"), event("Review", TOMORROW), Locale.ENGLISH);

        Room room = fixture.rooms.find(fixture.meeting(meeting.meetingId()).roomId()).orElseThrow();
        String hostPin = fixture.provisioner.pins(room).host().digits();
        String guestPin = fixture.provisioner.pins(room).guest().orElseThrow().digits();
        assertThat(meeting.guestPin()).contains(guestPin);
        assertThat(meeting.numericAlias()).isPresent();
        assertThat(meeting.joinBlock().text()).contains(guestPin, meeting.joinUrl().toString()).doesNotContain(hostPin);
        assertThat(meeting.joinBlock().html()).contains(guestPin).doesNotContain(hostPin);
        assertThat(meeting.toString()).doesNotContain(hostPin);
    }

    @Test
    void newTimesMoveTheMeetingAndTheRecurrenceFollowsTheEvent() {
        CalendarEventKey key = CalendarEventKey.of("k2");
        CalendarMeeting booked = calendar.put(ALICE, key, event("Review", TOMORROW), Locale.ENGLISH);
        Instant later = TOMORROW.plus(Duration.ofDays(2));

        calendar.put(ALICE, key, new CalendarEvent("Review, moved", later, later.plus(Duration.ofMinutes(30)), MADRID,
                Optional.of("RRULE:FREQ=WEEKLY;COUNT=4")), Locale.ENGLISH);

        Meeting moved = fixture.meeting(booked.meetingId());
        assertThat(moved.schedule().start().toInstant()).isEqualTo(later);
        assertThat(moved.schedule().end().toInstant()).isEqualTo(later.plus(Duration.ofMinutes(30)));
        assertThat(moved.title()).isEqualTo("Review, moved");
        assertThat(moved.schedule().recurrence().orElseThrow().rule()).isEqualTo("FREQ=WEEKLY;COUNT=4");
        assertThat(moved.icsSequence()).isEqualTo(1);

        calendar.put(ALICE, key, new CalendarEvent("Review, moved", later, later.plus(Duration.ofMinutes(30)), MADRID,
                Optional.of("FREQ=WEEKLY;COUNT=4")), Locale.ENGLISH);
        assertThat(moved.icsSequence()).as("the same rule written another way is no change").isEqualTo(1);

        calendar.put(ALICE, key, new CalendarEvent("Review, moved", later, later.plus(Duration.ofMinutes(30)), MADRID, Optional.empty()),
                Locale.ENGLISH);
        assertThat(moved.schedule().recurrence()).as("an event sent without a recurrence no longer repeats").isEmpty();
    }

    @Test
    void anotherOrganizersSameKeyIsAnotherMeetingAndTheirDeleteLeavesTheFirstAlone() {
        CalendarEventKey key = CalendarEventKey.of("shared-id");
        CalendarMeeting alices = calendar.put(ALICE, key, event("Alice's", TOMORROW), Locale.ENGLISH);

        CalendarMeeting bobs = calendar.put(BOB, key, event("Bob's", TOMORROW), Locale.ENGLISH);
        calendar.delete(BOB, key);

        assertThat(bobs.created()).isTrue();
        assertThat(bobs.meetingId()).isNotEqualTo(alices.meetingId());
        assertThat(fixture.meeting(alices.meetingId()).status()).isEqualTo(MeetingStatus.SCHEDULED);
        assertThat(fixture.meeting(alices.meetingId()).title()).isEqualTo("Alice's");
        assertThat(fixture.meeting(bobs.meetingId()).status()).isEqualTo(MeetingStatus.CANCELLED);
        assertThatExceptionOfType(CalendarEventNotFound.class).isThrownBy(() -> calendar.delete(BOB, CalendarEventKey.of("alices-only")));
    }

    @Test
    void deleteCancelsTheMeetingAndTheSameKeyThenBooksANewRoom() {
        CalendarEventKey key = CalendarEventKey.of("k3");
        CalendarMeeting first = calendar.put(ALICE, key, event("Stand-up", TOMORROW), Locale.ENGLISH);

        calendar.delete(ALICE, key);
        calendar.delete(ALICE, key);
        CalendarMeeting second = calendar.put(ALICE, key, event("Stand-up", TOMORROW), Locale.ENGLISH);

        assertThat(fixture.meeting(first.meetingId()).status()).isEqualTo(MeetingStatus.CANCELLED);
        assertThat(second.created()).isTrue();
        assertThat(second.meetingId()).isNotEqualTo(first.meetingId());
        assertThat(second.alias()).isNotEqualTo(first.alias());
        assertThat(calendar.put(ALICE, key, event("Stand-up", TOMORROW), Locale.ENGLISH).meetingId()).isEqualTo(second.meetingId());
    }

    @Test
    void aFirstCallThatLosesTheRaceAnswersWithTheWinnersMeeting() {
        CalendarEventKey key = CalendarEventKey.of("raced");
        CalendarMeeting[] winner = new CalendarMeeting[1];
        fixture.events.beforeNextLink = () -> winner[0] = calendar.put(ALICE, key, event("Raced", TOMORROW), Locale.ENGLISH);

        CalendarMeeting loser = calendar.put(ALICE, key, event("Raced", TOMORROW), Locale.ENGLISH);

        assertThat(winner[0].created()).isTrue();
        assertThat(loser.created()).isFalse();
        assertThat(loser.meetingId()).isEqualTo(winner[0].meetingId());
    }

    @Test
    void aChangeThatLosesTheRaceIsTriedAgainAndACallThatKeepsLosingSaysSo() {
        CalendarEventKey key = CalendarEventKey.of("changed");
        CalendarMeeting booked = calendar.put(ALICE, key, event("Before", TOMORROW), Locale.ENGLISH);
        fixture.events.beforeNextSettle = () -> {
            throw new CalendarEventRaced(null);
        };

        CalendarMeeting changed = calendar.put(ALICE, key, event("After", TOMORROW), Locale.ENGLISH);

        assertThat(changed.meetingId()).isEqualTo(booked.meetingId());
        assertThat(fixture.meeting(booked.meetingId()).title()).isEqualTo("After");
        CalendarFixture losing = new CalendarFixture();
        UUID raced = losing.calendar.put(ALICE, key, event("Before", TOMORROW), Locale.ENGLISH).meetingId();
        int[] attempts = {0};
        Runnable[] winnerChangesFirst = new Runnable[1];
        winnerChangesFirst[0] = () -> {
            // In memory nothing rolls back: the winner's change, written over ours, is what the next attempt reads.
            attempts[0]++;
            losing.bookings.change(ALICE, raced, new MeetingChanges(Optional.of("Winner " + attempts[0]), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            losing.events.beforeNextSettle = winnerChangesFirst[0];
            throw new CalendarEventRaced(null);
        };
        losing.events.beforeNextSettle = winnerChangesFirst[0];
        assertThatExceptionOfType(CalendarEventRaced.class)
                .isThrownBy(() -> losing.calendar.put(ALICE, key, event("After", TOMORROW), Locale.ENGLISH));
        assertThat(attempts[0]).isEqualTo(CalendarEvents.ATTEMPTS);
    }

    @Test
    void aRepeatedEventWithSubSecondTimesIsNoChange() {
        CalendarEventKey key = CalendarEventKey.of("precise");
        Instant precise = TOMORROW.plusNanos(123_456_789);
        CalendarMeeting booked = calendar.put(ALICE, key, event("x", precise), Locale.ENGLISH);

        calendar.put(ALICE, key, event("x", precise), Locale.ENGLISH);

        assertThat(fixture.meeting(booked.meetingId()).icsSequence()).isZero();
        assertThat(fixture.meeting(booked.meetingId()).schedule().start().toInstant()).isEqualTo(TOMORROW);
    }

    @Test
    void theKeyIsStoredOnlyAsItsSha256() {
        calendar.put(ALICE, CalendarEventKey.of("AAMkAGI2-secret-item-id"), event("x", TOMORROW), Locale.ENGLISH);

        String stored = fixture.events.byOrganizerAndHash.keySet().iterator().next();
        assertThat(stored).doesNotContain("secret")
                .endsWith("/" + HexFormat.of().formatHex(fixture.policy.digest("AAMkAGI2-secret-item-id".getBytes())));
    }

    @Test
    void theJoinBlockIsRenderedInTheLanguageAskedForWithTheWholeSubject() {
        String subject = "Ω".repeat(CalendarEvent.MAX_SUBJECT);

        calendar.put(ALICE, CalendarEventKey.of("k4"), event(subject, TOMORROW), Locale.forLanguageTag("es"));

        assertThat(fixture.renderer.languages).containsExactly(Locale.forLanguageTag("es"));
        assertThat(fixture.renderer.details.get(0).subject()).isEqualTo(subject);
        assertThat(fixture.renderer.details.get(0).start().toInstant()).isEqualTo(TOMORROW);
        assertThat(fixture.meetings.ownedBy(ALICE.id()).get(0).title()).hasSize(200).endsWith("…");
    }

    @Test
    void anEventWithoutASubjectIsAMeetingCalledMeeting() {
        CalendarMeeting meeting = calendar.put(ALICE, CalendarEventKey.of("k5"), event("  ", TOMORROW), Locale.ENGLISH);

        assertThat(fixture.meeting(meeting.meetingId()).title()).isEqualTo("Meeting");
    }

    @Test
    void badTimesAreRefusedNamingTheFieldAndLeaveNoRecord() {
        assertThatExceptionOfType(FieldRefused.class)
                .isThrownBy(() -> calendar.put(ALICE, CalendarEventKey.of("k6"),
                        new CalendarEvent("x", TOMORROW, TOMORROW.minusSeconds(60), MADRID, Optional.empty()), Locale.ENGLISH))
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("end"));
        assertThatExceptionOfType(FieldRefused.class)
                .isThrownBy(() -> calendar.put(ALICE, CalendarEventKey.of("k6"),
                        new CalendarEvent("x", TOMORROW, TOMORROW.plusSeconds(60), MADRID, Optional.of("FREQ=HOURLY")), Locale.ENGLISH))
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("recurrence"));
        assertThat(fixture.events.byOrganizerAndHash).isEmpty();
    }

    @Test
    void aSubjectLongerThanOutlooksIsRefused() {
        assertThatExceptionOfType(FieldRefused.class)
                .isThrownBy(() -> event("s".repeat(CalendarEvent.MAX_SUBJECT + 1), TOMORROW))
                .satisfies(refused -> assertThat(refused.field()).isEqualTo("subject"));
    }

    @Test
    void keysAreOneToOneThousandAndTwentyFourUrlSafeCharacters() {
        assertThat(CalendarEventKey.of("k".repeat(CalendarEventKey.MAX_LENGTH))).isNotNull();
        assertThat(CalendarEventKey.of("AAMkAGI2TG93AAA=_-.~+:@0123456789")).isNotNull();
        assertThat(CalendarEventKey.of("0f8fad5b-d9cb-469f-a165-70867728950e").toString()).doesNotContain("0f8fad5b");
        for (String bad : new String[] {"", "k".repeat(CalendarEventKey.MAX_LENGTH + 1), "a b", "a/b", "a%2Fb", "é", "a\nb"}) {
            assertThatExceptionOfType(FieldRefused.class).as(bad).isThrownBy(() -> CalendarEventKey.of(bad))
                    .satisfies(refused -> assertThat(refused.field()).isEqualTo("key"))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo("invalid_key"));
        }
    }

    private static CalendarEvent event(String subject, Instant start) {
        return new CalendarEvent(subject, start, start.plus(Duration.ofHours(1)), MADRID, Optional.empty());
    }
}
