package io.vestibule.identity.roles;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Roles, built-in and custom. Built-in roles are rows too, so assignments can reference them, but never change. */
public interface RoleRepository {
    List<Role> all();

    Optional<Role> find(UUID id);

    /** The roles these ids name, in their order; an id whose role no longer exists names none. */
    default List<Role> findAll(Collection<UUID> ids) {
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    Optional<Role> findByName(String name);

    /** Creates or replaces a custom role. */
    void save(Role role) throws RoleRefused;

    void delete(UUID id) throws RoleRefused;
}
