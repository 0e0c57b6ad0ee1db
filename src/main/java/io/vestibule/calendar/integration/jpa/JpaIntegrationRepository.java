package io.vestibule.calendar.integration.jpa;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.calendar.integration.CalendarIntegration;
import io.vestibule.calendar.integration.IntegrationRepository;

/** Integrations in the database, shared by every instance: a deletion revokes the secret everywhere at the next call. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class JpaIntegrationRepository implements IntegrationRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    public void add(StoredIntegration integration) {
        entityManager.persist(new IntegrationRow(integration));
    }

    @Override
    public Optional<StoredIntegration> find(UUID id) {
        return Optional.ofNullable(entityManager.find(IntegrationRow.class, id.toString())).map(IntegrationRow::stored);
    }

    @Override
    public List<CalendarIntegration> all() {
        return entityManager.createQuery("select i from IntegrationRow i order by i.createdAt, i.id", IntegrationRow.class).getResultStream()
                .map(IntegrationRow::integration).toList();
    }

    @Override
    public boolean remove(UUID id) {
        IntegrationRow row = entityManager.find(IntegrationRow.class, id.toString());
        if (row == null) {
            return false;
        }
        entityManager.remove(row);
        return true;
    }
}
