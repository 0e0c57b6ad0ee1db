package io.vestibule.access;

import io.vestibule.access.conference.Conference;
import io.vestibule.rooms.Room;

/** A conference running now and the room it runs in, as the console's dashboard shows it. */
public record LiveRoom(Room room, Conference conference) {
}
