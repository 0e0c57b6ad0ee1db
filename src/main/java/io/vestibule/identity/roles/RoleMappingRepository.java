package io.vestibule.identity.roles;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface RoleMappingRepository {
    List<RoleMapping> all();

    Optional<RoleMapping> find(UUID id);

    /** Creates or replaces a mapping. */
    void save(RoleMapping mapping);

    boolean delete(UUID id);
}
