package io.vestibule.media.signaling;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The open conference sockets of this instance, by socket id and by conference. */
@ApplicationScoped
public class ConnectedSockets {
    private final Map<String, SocketClient> byId = new ConcurrentHashMap<>();
    private final Map<UUID, Set<SocketClient>> byConference = new ConcurrentHashMap<>();

    /** Both maps change inside the conference's entry's compute, so an add and a removal of one conference never interleave. */
    void add(SocketClient client) {
        byConference.compute(client.conferenceId(), (id, clients) -> {
            Set<SocketClient> set = clients == null ? ConcurrentHashMap.newKeySet() : clients;
            set.add(client);
            byId.put(client.id(), client);
            return set;
        });
    }

    Optional<SocketClient> find(String socketId) {
        return Optional.ofNullable(byId.get(socketId));
    }

    /** Forgets the socket; an empty conference is forgotten with its last socket. */
    void remove(String socketId) {
        SocketClient client = byId.get(socketId);
        if (client != null) {
            byConference.computeIfPresent(client.conferenceId(), (id, clients) -> {
                if (byId.remove(socketId, client)) {
                    clients.remove(client);
                }
                return clients.isEmpty() ? null : clients;
            });
        }
    }

    /** A snapshot of the conference's sockets. */
    Set<SocketClient> inConference(UUID conferenceId) {
        return Set.copyOf(byConference.getOrDefault(conferenceId, Set.of()));
    }
}
