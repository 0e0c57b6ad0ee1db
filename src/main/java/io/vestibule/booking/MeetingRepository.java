package io.vestibule.booking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface MeetingRepository {
    Meeting add(Meeting meeting);

    Optional<Meeting> find(UUID id);

    /** The owner's meetings, soonest first. */
    List<Meeting> ownedBy(UUID ownerId);

    List<Meeting> inRoom(UUID roomId);

    /** Meetings with this whole title, case aside, cancelled ones too. */
    List<Meeting> titled(String title);
}
