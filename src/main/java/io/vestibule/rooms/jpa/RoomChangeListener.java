package io.vestibule.rooms.jpa;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomChanged;

/** Announces every write of a room, whichever code path made it, so that no copy of it outlives the write. */
public class RoomChangeListener {
    @Inject
    Event<RoomChanged> changes;

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Room room) {
        changes.fire(new RoomChanged(room.id()));
    }
}
