package io.vestibule.identity.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class InMemorySessionStore implements SessionStore {
    private final Map<String, PortalSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(PortalSession session) {
        sessions.put(session.tokenHash(), session);
    }

    @Override
    public Optional<PortalSession> get(String tokenHash) {
        return Optional.ofNullable(sessions.get(tokenHash));
    }

    @Override
    public void remove(String tokenHash) {
        sessions.remove(tokenHash);
    }

    @Override
    public Collection<PortalSession> ofUser(UUID userId) {
        return sessions.values().stream().filter(session -> session.userId().equals(userId)).toList();
    }

    @Override
    public Collection<PortalSession> all() {
        return List.copyOf(sessions.values());
    }
}
