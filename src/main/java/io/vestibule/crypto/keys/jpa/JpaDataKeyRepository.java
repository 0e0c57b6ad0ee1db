package io.vestibule.crypto.keys.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.crypto.keys.DataKey;
import io.vestibule.crypto.keys.DataKeyRepository;

@ApplicationScoped
public class JpaDataKeyRepository implements DataKeyRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    @Transactional
    public Optional<DataKey> find(int id) {
        return Optional.ofNullable(entityManager.find(DataKey.class, id));
    }

    @Override
    @Transactional
    public Optional<DataKey> findActive(String purpose) {
        return entityManager.createQuery(
                        "select k from DataKey k where k.purpose = :purpose and k.retiredAt is null order by k.id desc", DataKey.class)
                .setParameter("purpose", purpose)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    @Transactional
    public List<DataKey> active() {
        return entityManager.createQuery("select k from DataKey k where k.retiredAt is null order by k.id", DataKey.class).getResultList();
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retire(int id, Instant at) {
        DataKey key = entityManager.find(DataKey.class, id);
        if (key != null) {
            key.retire(at);
        }
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public DataKey addCommitted(DataKey key) {
        entityManager.persist(key);
        entityManager.flush();
        return key;
    }

    @Override
    @Transactional
    public List<DataKey> firstOfEachKeyEncryptionKey() {
        return entityManager.createQuery(
                        "select k from DataKey k where k.id in (select min(o.id) from DataKey o group by o.kekAlias) order by k.id", DataKey.class)
                .getResultList();
    }
}
