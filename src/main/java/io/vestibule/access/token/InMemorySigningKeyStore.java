package io.vestibule.access.token;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Signing keys kept in memory only: for tests and a single node (keys then rotate on every restart). */
public final class InMemorySigningKeyStore implements SigningKeyStore {
    private final Map<String, StoredSigningKey> keys = new ConcurrentHashMap<>();

    @Override
    public List<StoredSigningKey> all() {
        return List.copyOf(keys.values());
    }

    @Override
    public void add(StoredSigningKey key) {
        if (keys.putIfAbsent(key.kid(), key) != null) {
            throw new IllegalStateException("Signing key " + key.kid() + " is already stored");
        }
    }

    @Override
    public void remove(String kid) {
        keys.remove(kid);
    }
}
