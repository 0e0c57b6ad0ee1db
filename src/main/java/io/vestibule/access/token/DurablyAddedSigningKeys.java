package io.vestibule.access.token;

import java.util.List;

import io.vestibule.crypto.keys.DurableCommits;

/** A store whose added keys are on stable storage before they sign anything: a token must never outlive its key. */
public final class DurablyAddedSigningKeys implements SigningKeyStore {
    private final SigningKeyStore committing;
    private final DurableCommits durable;

    /** @param committing a store whose {@code add} has committed when it returns */
    public DurablyAddedSigningKeys(SigningKeyStore committing, DurableCommits durable) {
        this.committing = committing;
        this.durable = durable;
    }

    @Override
    public List<StoredSigningKey> all() {
        return committing.all();
    }

    @Override
    public void add(StoredSigningKey key) {
        committing.add(key);
        durable.forceToDisk();
    }

    @Override
    public void remove(String kid) {
        committing.remove(kid);
    }
}
