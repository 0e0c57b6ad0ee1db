package io.vestibule.booking;

import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomPins;

/** A meeting with its room and, for the owner's eyes, the room's PINs. */
public record BookedMeeting(Meeting meeting, Room room, RoomPins pins) {
}
