package io.vestibule.rooms;

/** Whether a room belongs to one booked meeting (open only around it) or is a user's personal room. */
public enum RoomKind {
    MEETING, PERSONAL
}
