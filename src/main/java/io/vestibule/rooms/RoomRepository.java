package io.vestibule.rooms;

import java.util.Optional;
import java.util.UUID;

public interface RoomRepository {
    Optional<Room> find(UUID id);

    Optional<Room> findByAlias(String alias);

    Optional<Room> findPersonalRoom(UUID ownerId);

    boolean aliasTaken(String alias);

    Room add(Room room);
}
