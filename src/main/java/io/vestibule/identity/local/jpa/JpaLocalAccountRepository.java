package io.vestibule.identity.local.jpa;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.LocalAccountRepository;

@ApplicationScoped
@Transactional
public class JpaLocalAccountRepository implements LocalAccountRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    public List<LocalAccount> all() {
        return entityManager.createQuery("select a from LocalAccount a order by a.username", LocalAccount.class).getResultList();
    }

    @Override
    public Optional<LocalAccount> find(UUID id) {
        return Optional.ofNullable(entityManager.find(LocalAccount.class, id.toString()));
    }

    @Override
    public Optional<LocalAccount> findByUsername(String username) {
        return entityManager.createQuery("select a from LocalAccount a where lower(a.username) = :username", LocalAccount.class)
                .setParameter("username", username.toLowerCase(Locale.ROOT))
                .getResultStream()
                .findFirst();
    }

    @Override
    public boolean any() {
        return !entityManager.createQuery("select a.id from LocalAccount a", String.class).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public void add(LocalAccount account) {
        entityManager.persist(account);
        entityManager.flush();
    }

    @Override
    public LocalAccount update(LocalAccount account) {
        LocalAccount merged = entityManager.merge(account);
        entityManager.flush();
        return merged;
    }

    @Override
    public void delete(UUID id) {
        LocalAccount account = entityManager.find(LocalAccount.class, id.toString());
        if (account != null) {
            entityManager.remove(account);
        }
    }
}
