package io.vestibule.booking;

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
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import io.vestibule.rooms.Pin;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationCalendarTest {
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    private static final Pin HOST_PIN = new Pin("59382716");
    private static final Pin GUEST_PIN = new Pin("48291736");
    private static final InvitationCalendar.Owner OWNER = new InvitationCalendar.Owner("Alice Martin", "alice@example.org");
    private static final URI JOIN_URL = URI.create("https://meet.example.org/join/quarterly-review");

    private final InvitationCalendar invitations = new InvitationCalendar();

    private static Meeting meetingIn(ZoneId zone) {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, zone);
        MeetingSchedule schedule = new MeetingSchedule(start, start.plusHours(1),
                Optional.of(Recurrence.parse("FREQ=WEEKLY;COUNT=4")));
        return new Meeting(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Quarterly review", schedule,
                List.of("ana@example.org", "ben@example.org"), "meet.example.org", NOW);
    }

    private static InvitationCalendar.JoinDetails join(Optional<Pin> guestPin) {
        return new InvitationCalendar.JoinDetails(JOIN_URL, "quarterly-review", "81234567", guestPin);
    }

    private static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static VEvent onlyEvent(Calendar calendar) {
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String value(Component component, String property) {
        return component.<Property>getProperty(property).map(Property::getValue).orElseThrow(
                () -> new AssertionError("no " + property));
    }

    private static String tzid(Property property) {
        return property.<Parameter>getParameter(Parameter.TZID).map(Parameter::getValue).orElse(null);
    }

    /** The text with folded lines joined again (RFC 5545 §3.1), so a value split across lines is still found. */
    private static String unfolded(String text) {
        return text.replace("\r\n ", "").replace("\r\n\t", "");
    }

    @Test
    void aRequestParsesBackWithTheMeetingsIdentityAndTimes() throws Exception {
        Meeting meeting = meetingIn(MADRID);
        String text = invitations.render(meeting, OWNER, join(Optional.of(GUEST_PIN)), NOW);
        Calendar calendar = parse(text);

        assertThat(calendar.<Property>getProperty(Property.METHOD).map(Property::getValue)).hasValue("REQUEST");
        VEvent event = onlyEvent(calendar);
        assertThat(value(event, Property.UID)).isEqualTo(meeting.icsUid());
        assertThat(value(event, Property.SEQUENCE)).isEqualTo(String.valueOf(meeting.icsSequence()));
        assertThat(event.getProperties(Property.DTSTAMP)).hasSize(1);
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Quarterly review");
        assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");

        Property start = event.getRequiredProperty(Property.DTSTART);
        Property end = event.getRequiredProperty(Property.DTEND);
        assertThat(tzid(start)).isEqualTo("Europe/Madrid");
        assertThat(tzid(end)).isEqualTo("Europe/Madrid");
        assertThat(start.getValue()).isEqualTo("20261201T100000");
        assertThat(end.getValue()).isEqualTo("20261201T110000");

        assertThat(value(event, Property.RRULE)).contains("FREQ=WEEKLY").contains("COUNT=4");
        assertThat(event.<Property>getProperties(Property.ATTENDEE)).extracting(Property::getValue)
                .containsExactlyInAnyOrder("mailto:ana@example.org", "mailto:ben@example.org");
        assertThat(value(event, Property.ORGANIZER)).isEqualTo("mailto:alice@example.org");
        assertThat(value(event, Property.URL)).isEqualTo(JOIN_URL.toString());
    }

    @Test
    void theTimeZoneIsDefinedInTheCalendar() throws Exception {
        Calendar calendar = parse(invitations.render(meetingIn(MADRID), OWNER, join(Optional.of(GUEST_PIN)), NOW));
        List<CalendarComponent> zones = calendar.getComponents(Component.VTIMEZONE);
        assertThat(zones).extracting(zone -> value(zone, Property.TZID)).containsExactly("Europe/Madrid");
    }

    @Test
    void theInvitationCarriesTheGuestPinAndNeverTheHostPin() throws Exception {
        String text = invitations.render(meetingIn(MADRID), OWNER, join(Optional.of(GUEST_PIN)), NOW);
        VEvent event = onlyEvent(parse(text));
        assertThat(value(event, Property.DESCRIPTION)).contains(GUEST_PIN.digits()).contains(JOIN_URL.toString());
        assertThat(unfolded(text)).doesNotContain(HOST_PIN.digits());
        assertThat(text).doesNotContain(HOST_PIN.digits());
    }

    @Test
    void withoutAGuestPinTheInvitationSaysGuestsJoinWithoutOne() throws Exception {
        String text = invitations.render(meetingIn(MADRID), OWNER, join(Optional.empty()), NOW);
        String description = value(onlyEvent(parse(text)), Property.DESCRIPTION);
        assertThat(description).containsIgnoringCase("without a PIN").doesNotContain("Guest PIN:");
        assertThat(unfolded(text)).doesNotContain(HOST_PIN.digits()).doesNotContain(GUEST_PIN.digits());
    }

    @Test
    void aCancelledMeetingRendersACancellationWithAHigherSequence() throws Exception {
        Meeting meeting = meetingIn(MADRID);
        VEvent request = onlyEvent(parse(invitations.render(meeting, OWNER, join(Optional.of(GUEST_PIN)), NOW)));
        int requestSequence = Integer.parseInt(value(request, Property.SEQUENCE));

        meeting.cancel(NOW.plusSeconds(3600));
        Calendar cancellation = parse(invitations.render(meeting, OWNER, join(Optional.of(GUEST_PIN)), NOW.plusSeconds(3600)));

        assertThat(cancellation.<Property>getProperty(Property.METHOD).map(Property::getValue)).hasValue("CANCEL");
        VEvent event = onlyEvent(cancellation);
        assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(event, Property.UID)).isEqualTo(value(request, Property.UID));
        assertThat(Integer.parseInt(value(event, Property.SEQUENCE))).isGreaterThan(requestSequence)
                .isEqualTo(meeting.icsSequence());
    }

    @Test
    void aRevisionRendersTheSameUidWithTheNewSequence() throws Exception {
        Meeting meeting = meetingIn(MADRID);
        meeting.revise("Quarterly review (moved)", meeting.schedule(), meeting.invitees(), NOW.plusSeconds(60));
        VEvent event = onlyEvent(parse(invitations.render(meeting, OWNER, join(Optional.of(GUEST_PIN)), NOW)));
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(event, Property.UID)).isEqualTo(meeting.icsUid());
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Quarterly review (moved)");
    }

    @Test
    void aMeetingInUtcIsWrittenInUtcWithoutATimeZoneAndValidates() throws Exception {
        for (String zone : List.of("UTC", "Etc/UTC", "GMT", "Z")) {
            Calendar calendar = parse(invitations.render(meetingIn(ZoneId.of(zone)), OWNER, join(Optional.empty()), NOW));
            assertValid(calendar);
            VEvent event = onlyEvent(calendar);
            assertThat(event.getRequiredProperty(Property.DTSTART).getValue()).as(zone).isEqualTo("20261201T100000Z");
            assertThat(event.getRequiredProperty(Property.DTEND).getValue()).as(zone).isEqualTo("20261201T110000Z");
            assertThat(calendar.getComponents(Component.VTIMEZONE)).as(zone).isEmpty();
        }
    }

    @Test
    void aZoneKnownByAnOtherNameIsWrittenUnderTheNameOfItsTimeZoneDefinition() throws Exception {
        for (String zone : List.of("US/Eastern", "Asia/Calcutta", "Europe/Madrid")) {
            Calendar calendar = parse(invitations.render(meetingIn(ZoneId.of(zone)), OWNER, join(Optional.empty()), NOW));
            assertValid(calendar);
            VEvent event = onlyEvent(calendar);
            assertThat(event.getRequiredProperty(Property.DTSTART).getValue()).as(zone).isEqualTo("20261201T100000");
        }
    }

    /** ical4j's validator, and the rule it does not check: each TZID a time names has its VTIMEZONE (RFC 5545 3.2.19). */
    private static void assertValid(Calendar calendar) {
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        List<String> defined = calendar.<CalendarComponent>getComponents(Component.VTIMEZONE).stream()
                .map(zone -> value(zone, Property.TZID)).toList();
        VEvent event = onlyEvent(calendar);
        for (String property : List.of(Property.DTSTART, Property.DTEND)) {
            String named = tzid(event.getRequiredProperty(property));
            if (named != null) {
                assertThat(defined).as(property + ";TZID=" + named + " needs its VTIMEZONE").contains(named);
            }
        }
    }

    @Test
    void aZoneTheCalendarLibraryDoesNotKnowIsWrittenInUtc() throws Exception {
        // ical4j knows every current IANA zone; the JDK's deprecated SystemV zones are not among them.
        ZoneId unknown = ZoneId.of("SystemV/EST5");
        String text = invitations.render(meetingIn(unknown), OWNER, join(Optional.empty()), NOW);
        Calendar calendar = parse(text);

        VEvent event = onlyEvent(calendar);
        Property start = event.getRequiredProperty(Property.DTSTART);
        Property end = event.getRequiredProperty(Property.DTEND);
        // 10:00 at UTC-5 is 15:00Z.
        assertThat(start.getValue()).isEqualTo("20261201T150000Z");
        assertThat(end.getValue()).isEqualTo("20261201T160000Z");
        assertThat(tzid(start)).isNull();
        assertThat(calendar.getComponents(Component.VTIMEZONE)).isEmpty();
    }
}
