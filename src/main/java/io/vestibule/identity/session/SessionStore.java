package io.vestibule.identity.session;

import java.util.Collection;
import java.util.Optional;

/**
 * Where sessions live. The in-memory store serves one instance; a cluster replaces it with a shared one
 * (Hazelcast) behind this same contract.
 */
public interface SessionStore<P> {
    void put(Session<P> session);

    Optional<Session<P>> get(String tokenHash);

    void remove(String tokenHash);

    Collection<Session<P>> ofOwner(String owner);

    Collection<Session<P>> all();
}
