package io.vestibule.rooms.jpa;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomKind;
import io.vestibule.rooms.RoomRepository;

@ApplicationScoped
@Transactional
public class JpaRoomRepository implements RoomRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Room> find(UUID id) {
        return Optional.ofNullable(entityManager.find(Room.class, id.toString()));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Room> findByAlias(String alias) {
        // One statement for the room and all its aliases: this runs on every join attempt.
        return entityManager.createQuery(
                        "select distinct r from Room r join r.aliases a left join fetch r.aliases where a.alias = :alias", Room.class)
                .setParameter("alias", alias)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Room> findPersonalRoom(UUID ownerId) {
        return entityManager.createQuery("select r from Room r where r.ownerId = :owner and r.kind = :kind", Room.class)
                .setParameter("owner", ownerId.toString())
                .setParameter("kind", RoomKind.PERSONAL)
                .getResultStream()
                .findFirst();
    }

    @Override
    public boolean aliasTaken(String alias) {
        return findByAlias(alias).isPresent();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Room> search(String text, int limit) {
        String wanted = text.strip();
        String pattern = "%" + wanted.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return entityManager.createQuery("select r from Room r where lower(r.name) like :pattern escape '\\'"
                                + " or exists (select s.id from Room s join s.aliases a where s.id = r.id and a.alias = :alias)"
                                + " order by r.createdAt desc, r.id", Room.class)
                .setParameter("pattern", pattern)
                .setParameter("alias", wanted)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public Room add(Room room) {
        entityManager.persist(room);
        // Meetings refer to rooms by id only, so the provider cannot order the inserts itself.
        entityManager.flush();
        return room;
    }
}
