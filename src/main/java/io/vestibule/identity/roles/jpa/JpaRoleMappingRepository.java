package io.vestibule.identity.roles.jpa;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.identity.roles.RoleMappingRepository;

@ApplicationScoped
@Transactional
public class JpaRoleMappingRepository implements RoleMappingRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    public List<RoleMapping> all() {
        return entityManager.createQuery("select m from RoleMappingRow m", RoleMappingRow.class).getResultStream()
                .map(RoleMappingRow::toMapping)
                .sorted(Comparator.comparing(RoleMapping::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Override
    public Optional<RoleMapping> find(UUID id) {
        return Optional.ofNullable(entityManager.find(RoleMappingRow.class, id.toString())).map(RoleMappingRow::toMapping);
    }

    @Override
    public void save(RoleMapping mapping) {
        RoleMappingRow row = entityManager.find(RoleMappingRow.class, mapping.id().toString());
        if (row == null) {
            entityManager.persist(new RoleMappingRow(mapping));
        } else {
            row.update(mapping);
        }
        entityManager.flush();
    }

    @Override
    public boolean delete(UUID id) {
        RoleMappingRow row = entityManager.find(RoleMappingRow.class, id.toString());
        if (row == null) {
            return false;
        }
        entityManager.remove(row);
        return true;
    }
}
