package io.vestibule.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.vestibule.rooms.RoomSettings;

/** A new meeting as the owner asks for it; its fields are well-formed, its rules not yet checked. */
public record BookingRequest(String title, Instant start, Instant end, ZoneId timeZone, Optional<String> recurrence,
                             List<String> invitees, RoomSettings room, boolean usePersonalRoom) {
}
