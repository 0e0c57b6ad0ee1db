package io.vestibule.rooms;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface RoomRepository {
    Optional<Room> find(UUID id);

    Optional<Room> findByAlias(String alias);

    Optional<Room> findPersonalRoom(UUID ownerId);

    boolean aliasTaken(String alias);

    Room add(Room room);

    /**
     * Rooms whose name contains {@code text} (any case) or that have it as an alias, newest first, at most
     * {@code limit}; a blank text matches every room.
     */
    List<Room> search(String text, int limit);
}
