package io.vestibule.booking.jpa;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import io.vestibule.booking.Meeting;
import io.vestibule.rooms.RoomChanged;

/** Announces every write of a meeting as a change of its room: the meeting decides when the room admits joins. */
public class MeetingChangeListener {
    @Inject
    Event<RoomChanged> changes;

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Meeting meeting) {
        changes.fire(new RoomChanged(meeting.roomId()));
    }
}
