package io.vestibule.rooms;

import java.util.UUID;

/**
 * A room, or a meeting held in it, was stored, changed or removed. Fired by the entities' listeners during the
 * writing transaction; observers that keep copies of what they read observe it after the transaction completes.
 */
public record RoomChanged(UUID roomId) {
}
