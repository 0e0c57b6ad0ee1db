package io.vestibule.calendar.block;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What a join block tells the attendees of a calendar event: never the host PIN, which attendees would see.
 *
 * @param subject      the event's subject, as the organizer typed it (untrusted: escaped when rendered)
 * @param joinUrl      the room's join page
 * @param alias        the room's name alias
 * @param numericAlias the room's numeric alias, for dialling in by number, when it has one
 * @param guestPin     the guest PIN, when the room has one
 * @param start        the first occurrence's start, in the organizer's zone
 * @param end          the first occurrence's end, in the organizer's zone
 */
public record JoinBlockDetails(String subject, URI joinUrl, String alias, Optional<String> numericAlias,
                               Optional<String> guestPin, ZonedDateTime start, ZonedDateTime end) {
    public JoinBlockDetails {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(joinUrl, "joinUrl");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(numericAlias, "numericAlias");
        Objects.requireNonNull(guestPin, "guestPin");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
