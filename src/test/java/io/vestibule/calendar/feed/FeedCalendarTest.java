package io.vestibule.calendar.feed;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyContainer;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.Test;

import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingSchedule;
import io.vestibule.booking.Recurrence;

import static org.assertj.core.api.Assertions.assertThat;

class FeedCalendarTest {
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private final FeedCalendar feed = new FeedCalendar();

    private static Meeting meeting(String title, ZonedDateTime start, Optional<Recurrence> recurrence) {
        return new Meeting(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), title,
                new MeetingSchedule(start, start.plusHours(1), recurrence), List.of("ana@example.org"), "meet.example.org", NOW);
    }

    private static FeedCalendar.Entry entry(Meeting meeting, String alias) {
        return new FeedCalendar.Entry(meeting, URI.create("https://meet.example.org/join/" + alias), alias, "8" + alias.length() + "123456");
    }

    private static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static String value(PropertyContainer component, String property) {
        return component.<Property>getProperty(property).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + property));
    }

    @Test
    void everyMeetingIsOneEventWithTheInvitationsIdentityAndItsJoinUrl() throws Exception {
        Meeting weekly = meeting("Weekly sync", ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, MADRID),
                Optional.of(Recurrence.parse("FREQ=WEEKLY;COUNT=4")));
        Meeting review = meeting("Budget review", ZonedDateTime.of(2026, 12, 3, 15, 0, 0, 0, ZoneId.of("UTC")), Optional.empty());
        review.revise("Budget review (moved)", review.schedule(), review.invitees(), NOW);

        Calendar calendar = parse(feed.render(List.of(entry(weekly, "weekly-sync"), entry(review, "budget-review")), NOW));

        assertThat(calendar.getProperty(Property.METHOD)).as("a plain calendar, not an iTIP message").isEmpty();
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Vestibule meetings");
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(2);
        VEvent first = events.get(0);
        assertThat(value(first, "UID")).isEqualTo(weekly.icsUid());
        assertThat(value(first, "SUMMARY")).isEqualTo("Weekly sync");
        assertThat(value(first, "RRULE")).isEqualTo("FREQ=WEEKLY;COUNT=4");
        assertThat(value(first, "URL")).isEqualTo("https://meet.example.org/join/weekly-sync");
        assertThat(value(first, "LOCATION")).isEqualTo("https://meet.example.org/join/weekly-sync");
        assertThat(value(first, "DTSTART")).isEqualTo("20261201T100000");
        assertThat(value(first, "STATUS")).isEqualTo("CONFIRMED");
        VEvent second = events.get(1);
        assertThat(value(second, "UID")).isEqualTo(review.icsUid());
        assertThat(value(second, "SEQUENCE")).isEqualTo("1");
        assertThat(value(second, "DTSTART")).isEqualTo("20261203T150000Z");
        assertThat(value(second, "DESCRIPTION")).contains("budget-review", "https://meet.example.org/join/budget-review");
        assertThat(calendar.<VTimeZone>getComponents(Component.VTIMEZONE)).hasSize(1);
    }

    @Test
    void aZoneUsedByManyMeetingsIsDefinedOnce() throws Exception {
        Meeting one = meeting("One", ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, MADRID), Optional.empty());
        Meeting two = meeting("Two", ZonedDateTime.of(2026, 12, 2, 10, 0, 0, 0, MADRID), Optional.empty());

        Calendar calendar = parse(feed.render(List.of(entry(one, "one"), entry(two, "two")), NOW));

        List<VTimeZone> zones = calendar.getComponents(Component.VTIMEZONE);
        assertThat(zones).hasSize(1);
        assertThat(value(zones.get(0), "TZID")).isEqualTo("Europe/Madrid");
    }

    @Test
    void aCancelledMeetingIsMarkedCancelled() throws Exception {
        Meeting cancelled = meeting("Off", ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, MADRID), Optional.empty());
        cancelled.cancel(NOW);

        VEvent event = parse(feed.render(List.of(entry(cancelled, "off")), NOW)).<VEvent>getComponents(Component.VEVENT).get(0);

        assertThat(value(event, "STATUS")).isEqualTo("CANCELLED");
        assertThat(value(event, "SEQUENCE")).isEqualTo("1");
    }

    @Test
    void theFeedSaysWhereThePinsAreAndHoldsNoAttendeesOrOrganizer() throws Exception {
        Meeting meeting = meeting("Board", ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, MADRID), Optional.empty());

        String text = feed.render(List.of(entry(meeting, "board")), NOW);

        VEvent event = parse(text).<VEvent>getComponents(Component.VEVENT).get(0);
        assertThat(value(event, "DESCRIPTION")).contains("PINs are not shown").doesNotContain("PIN:");
        assertThat(text).doesNotContain("ATTENDEE", "ORGANIZER", "ana@example.org");
    }

    @Test
    void aUserWithoutMeetingsGetsAnEmptyCalendarThatParses() throws Exception {
        Calendar calendar = parse(feed.render(List.of(), NOW));

        assertThat(calendar.getComponents(Component.VEVENT)).isEmpty();
        assertThat(value(calendar, "VERSION")).isEqualTo("2.0");
    }
}
