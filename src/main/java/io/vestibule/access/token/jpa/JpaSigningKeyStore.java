package io.vestibule.access.token.jpa;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.access.token.SigningKeyStore;
import io.vestibule.access.token.StoredSigningKey;

/** Signing keys in the database, shared by every instance; each change commits on its own. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class JpaSigningKeyStore implements SigningKeyStore {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    public List<StoredSigningKey> all() {
        return entityManager.createQuery("select k from SigningKeyRow k", SigningKeyRow.class).getResultStream()
                .map(SigningKeyRow::toStored).toList();
    }

    @Override
    public void add(StoredSigningKey key) {
        entityManager.persist(new SigningKeyRow(key));
    }

    @Override
    public void remove(String kid) {
        SigningKeyRow row = entityManager.find(SigningKeyRow.class, kid);
        if (row != null) {
            entityManager.remove(row);
        }
    }
}
