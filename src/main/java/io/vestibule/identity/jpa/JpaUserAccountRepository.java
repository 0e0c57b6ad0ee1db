package io.vestibule.identity.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.identity.UserAccount;
import io.vestibule.identity.UserAccountRepository;

@ApplicationScoped
@Transactional
public class JpaUserAccountRepository implements UserAccountRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    public Optional<UserAccount> find(UUID id) {
        return Optional.ofNullable(entityManager.find(UserAccount.class, id.toString()));
    }

    @Override
    public Optional<UserAccount> findByIdentity(String issuer, String subject) {
        return entityManager.createQuery("select a from UserAccount a where a.issuer = :issuer and a.subject = :subject", UserAccount.class)
                .setParameter("issuer", issuer)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<UserAccount> findByEmail(String email) {
        return entityManager.createQuery("select a from UserAccount a where lower(a.email) = :email", UserAccount.class)
                .setParameter("email", email.toLowerCase(Locale.ROOT))
                .setMaxResults(2)
                .getResultList();
    }

    @Override
    public UserAccount recordSignIn(String issuer, String subject, String username, String displayName, String email, Instant now) {
        UserAccount account = findByIdentity(issuer, subject).orElseGet(() -> {
            UserAccount created = new UserAccount(UUID.randomUUID(), issuer, subject, now);
            entityManager.persist(created);
            return created;
        });
        account.signedIn(username, displayName, email, now);
        entityManager.flush();
        return account;
    }
}
