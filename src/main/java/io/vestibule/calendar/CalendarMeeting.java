package io.vestibule.calendar;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.calendar.block.JoinBlock;

/**
 * What the calendar learns of an event's meeting: what attendees need to join, and the join block to paste into the
 * event. Never the host PIN, which the attendees of the event would see.
 *
 * @param created whether this call booked the meeting (the event had none, or only a cancelled one)
 */
public record CalendarMeeting(UUID meetingId, String alias, Optional<String> numericAlias, URI joinUrl,
                              Optional<String> guestPin, JoinBlock joinBlock, boolean created) {
}
