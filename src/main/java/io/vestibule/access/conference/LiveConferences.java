package io.vestibule.access.conference;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The conferences running now, one per room at most. The in-memory implementation serves one instance; a cluster
 * needs a shared one (Hazelcast), behind this same contract. Conferences do not survive a restart: their
 * participants' tokens become void and clients join again.
 */
public interface LiveConferences {
    /** The conference running in the room, or a new one from {@code start} when none runs. */
    Conference inRoom(UUID roomId, Supplier<Conference> start);

    Optional<Conference> find(UUID conferenceId);

    /** Forgets a conference that has ended or emptied, so the room starts afresh next time. */
    void forgetIfOver(Conference conference);

    Collection<Conference> all();
}
