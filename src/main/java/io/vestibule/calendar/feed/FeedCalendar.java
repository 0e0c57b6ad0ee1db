package io.vestibule.calendar.feed;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingEvents;

/**
 * A user's subscription feed as an iCalendar document (RFC 5545): one VEVENT per meeting with the invitation's UID,
 * SEQUENCE, times, recurrence and join URL, and each time zone used defined once. It is a plain calendar, not an iTIP
 * message: without METHOD, which RFC 5545 ties to a Content-Type method parameter, and which as PUBLISH would require
 * an ORGANIZER (RFC 5546) the feed has no reason to carry. It says how to
 * join but holds no PIN of any kind: an entry has none to give, since a feed is read by calendar services and
 * devices the owner does not control.
 */
public final class FeedCalendar {
    static final String PRODUCT_ID = "-//Vestibule//Vestibule meetings feed//EN";
    static final String NAME = "Vestibule meetings";
    /** How often clients that honour it refresh; Google Calendar keeps its own pace. */
    static final String REFRESH = "PT1H";

    private final MeetingEvents events = new MeetingEvents();

    /** A meeting in the feed and what the feed says about joining it. */
    public record Entry(Meeting meeting, URI joinUrl, String alias, String numericAlias) {
    }

    public String render(List<Entry> entries, Instant stamp) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", NAME));
        calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH));
        Map<String, TimeZone> zones = new LinkedHashMap<>();
        for (Entry entry : entries) {
            events.calendarZone(entry.meeting().schedule().zone()).ifPresent(zone -> zones.putIfAbsent(zone.getID(), zone));
        }
        zones.values().forEach(zone -> calendar.add(zone.getVTimeZone()));
        for (Entry entry : entries) {
            calendar.add(events.event(entry.meeting(), entry.joinUrl(), description(entry), stamp));
        }
        // RFC 5545 wants at least one component, but a user without meetings has an empty calendar, which every client
        // reads; checking it would only log ical4j's warning at each fetch.
        return MeetingEvents.write(calendar, "a calendar feed", !entries.isEmpty());
    }

    private static String description(Entry entry) {
        return "Join the meeting: " + entry.joinUrl() + '\n'
                + "Meeting room: " + entry.alias() + " (numeric " + entry.numericAlias() + ")\n"
                + "PINs are not shown in subscribed calendars: see the meeting in Vestibule or its invitation.\n";
    }
}
