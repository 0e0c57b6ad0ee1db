package io.vestibule.calendar.jpa;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;

import io.vestibule.calendar.CalendarEventRepository;
import io.vestibule.calendar.CalendarEventRaced;

@ApplicationScoped
@Transactional
public class JpaCalendarEventRepository implements CalendarEventRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Override
    public Optional<UUID> meetingOf(UUID organizerId, String keyHash) {
        return find(organizerId, keyHash).map(CalendarEventRecord::meetingId);
    }

    @Override
    public void link(UUID organizerId, String keyHash, UUID meetingId) {
        entityManager.persist(new CalendarEventRecord(organizerId, keyHash, meetingId, clock.instant()));
        try {
            // Now, not at commit: the unique constraint on (organizer, key) is what decides a race of two first calls.
            entityManager.flush();
        } catch (PersistenceException duplicate) {
            throw new CalendarEventRaced(duplicate);
        }
    }

    @Override
    public void settle() {
        try {
            entityManager.flush();
        } catch (OptimisticLockException | PessimisticLockException | LockTimeoutException changedMeanwhile) {
            throw new CalendarEventRaced(changedMeanwhile);
        }
    }

    @Override
    public void relink(UUID organizerId, String keyHash, UUID meetingId) {
        find(organizerId, keyHash).orElseThrow().relink(meetingId, clock.instant());
    }

    private Optional<CalendarEventRecord> find(UUID organizerId, String keyHash) {
        return entityManager.createQuery("select e from CalendarEventRecord e where e.organizerId = :organizer and e.keyHash = :key",
                        CalendarEventRecord.class)
                .setParameter("organizer", organizerId.toString())
                .setParameter("key", keyHash)
                .getResultStream()
                .findFirst();
    }
}
