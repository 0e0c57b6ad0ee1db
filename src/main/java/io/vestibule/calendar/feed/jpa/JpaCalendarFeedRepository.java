package io.vestibule.calendar.feed.jpa;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.calendar.feed.CalendarFeed;
import io.vestibule.calendar.feed.CalendarFeedRepository;

@ApplicationScoped
@Transactional
public class JpaCalendarFeedRepository implements CalendarFeedRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CalendarFeed> ofOwner(UUID ownerId) {
        return Optional.ofNullable(entityManager.find(CalendarFeed.class, ownerId.toString()));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CalendarFeed> withTokenHash(String tokenHash) {
        return entityManager.createQuery("select f from CalendarFeed f where f.tokenHash = :hash", CalendarFeed.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    @Override
    public CalendarFeed add(CalendarFeed feed) {
        entityManager.persist(feed);
        return feed;
    }

    @Override
    public void remove(CalendarFeed feed) {
        entityManager.remove(entityManager.contains(feed) ? feed : entityManager.merge(feed));
    }
}
