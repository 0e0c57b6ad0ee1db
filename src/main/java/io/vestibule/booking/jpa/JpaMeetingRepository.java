package io.vestibule.booking.jpa;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingRepository;

@ApplicationScoped
@Transactional
public class JpaMeetingRepository implements MeetingRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    public Meeting add(Meeting meeting) {
        entityManager.persist(meeting);
        return meeting;
    }

    @Override
    public Optional<Meeting> find(UUID id) {
        return Optional.ofNullable(entityManager.find(Meeting.class, id.toString()));
    }

    @Override
    public List<Meeting> ownedBy(UUID ownerId) {
        return entityManager.createQuery("select m from Meeting m where m.ownerId = :owner order by m.startsAt, m.id", Meeting.class)
                .setParameter("owner", ownerId.toString())
                .getResultList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Meeting> inRoom(UUID roomId) {
        return entityManager.createQuery("select m from Meeting m where m.roomId = :room", Meeting.class)
                .setParameter("room", roomId.toString())
                .getResultList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Meeting> titled(String title) {
        return entityManager.createQuery("select m from Meeting m where lower(m.title) = :title", Meeting.class)
                .setParameter("title", title.toLowerCase(Locale.ROOT))
                .getResultList();
    }
}
