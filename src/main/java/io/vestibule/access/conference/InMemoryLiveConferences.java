package io.vestibule.access.conference;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

public final class InMemoryLiveConferences implements LiveConferences {
    private final Map<UUID, Conference> byRoom = new ConcurrentHashMap<>();
    private final Map<UUID, Conference> byId = new ConcurrentHashMap<>();

    @Override
    public Conference inRoom(UUID roomId, Supplier<Conference> start) {
        Conference conference = byRoom.compute(roomId, (room, running) -> running == null || running.ended() ? start.get() : running);
        byId.putIfAbsent(conference.id(), conference);
        return conference;
    }

    @Override
    public Optional<Conference> find(UUID conferenceId) {
        return Optional.ofNullable(byId.get(conferenceId));
    }

    /** A token naming a forgotten conference is revoked, so nothing is kept once it is over. */
    @Override
    public void forgetIfOver(Conference conference) {
        if (conference.endIfEmpty()) {
            byRoom.remove(conference.roomId(), conference);
            byId.remove(conference.id());
        }
    }

    @Override
    public Collection<Conference> all() {
        return List.copyOf(byId.values());
    }
}
