package io.vestibule.identity.roles.jpa;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleRefused;
import io.vestibule.identity.roles.RoleRepository;

@ApplicationScoped
@Transactional
public class JpaRoleRepository implements RoleRepository {
    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Override
    public List<Role> all() {
        return entityManager.createQuery("select r from RoleRow r", RoleRow.class).getResultStream()
                .map(RoleRow::toRole)
                .sorted(Comparator.comparing(Role::builtIn).reversed().thenComparing(Role::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    @Override
    public Optional<Role> find(UUID id) {
        return Optional.ofNullable(entityManager.find(RoleRow.class, id.toString())).map(RoleRow::toRole);
    }

    @Override
    public Optional<Role> findByName(String name) {
        return all().stream().filter(role -> role.name().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public void save(Role role) throws RoleRefused {
        Optional<Role> sameName = findByName(role.name());
        if (sameName.isPresent() && !sameName.get().id().equals(role.id())) {
            throw new RoleRefused(RoleRefused.Reason.NAME_TAKEN, "Another role is already called '" + role.name() + "'.");
        }
        RoleRow row = entityManager.find(RoleRow.class, role.id().toString());
        if (row == null) {
            entityManager.persist(new RoleRow(role));
        } else if (row.builtIn()) {
            throw new RoleRefused(RoleRefused.Reason.BUILT_IN, "Built-in roles cannot be changed.");
        } else {
            row.update(role);
        }
        entityManager.flush();
    }

    @Override
    public void delete(UUID id) throws RoleRefused {
        RoleRow row = entityManager.find(RoleRow.class, id.toString());
        if (row == null) {
            return;
        }
        if (row.builtIn()) {
            throw new RoleRefused(RoleRefused.Reason.BUILT_IN, "Built-in roles cannot be deleted.");
        }
        long holders = count("select count(*) from local_admin_account_role where role_id = ?1", id)
                + count("select count(*) from ldap_role_mapping_role where role_id = ?1", id);
        if (holders > 0) {
            throw new RoleRefused(RoleRefused.Reason.IN_USE, "The role is still given to accounts or by role mappings.");
        }
        entityManager.remove(row);
    }

    private long count(String sql, UUID roleId) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter(1, roleId.toString()).getSingleResult()).longValue();
    }
}
