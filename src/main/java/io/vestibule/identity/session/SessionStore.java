package io.vestibule.identity.session;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Where sessions live. The in-memory store serves one instance; a cluster replaces it with a shared one
 * (Hazelcast) behind this same contract.
 */
public interface SessionStore {
    void put(PortalSession session);

    Optional<PortalSession> get(String tokenHash);

    void remove(String tokenHash);

    Collection<PortalSession> ofUser(UUID userId);

    Collection<PortalSession> all();
}
