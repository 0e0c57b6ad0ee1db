package io.vestibule.identity.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public class InMemorySessionStore<P> implements SessionStore<P> {
    private final Map<String, Session<P>> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(Session<P> session) {
        sessions.put(session.tokenHash(), session);
    }

    @Override
    public Optional<Session<P>> get(String tokenHash) {
        return Optional.ofNullable(sessions.get(tokenHash));
    }

    @Override
    public void remove(String tokenHash) {
        sessions.remove(tokenHash);
    }

    @Override
    public Collection<Session<P>> ofOwner(String owner) {
        return sessions.values().stream().filter(session -> session.owner().equals(owner)).toList();
    }

    @Override
    public Collection<Session<P>> all() {
        return List.copyOf(sessions.values());
    }
}
