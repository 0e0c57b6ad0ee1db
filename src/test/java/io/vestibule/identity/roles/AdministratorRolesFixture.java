package io.vestibule.identity.roles;

import io.vestibule.identity.local.LocalAccountRepository;

/** {@link AdministratorRoles} wired by hand, as CDI would, for tests outside the container. */
public final class AdministratorRolesFixture {
    private AdministratorRolesFixture() {
    }

    public static AdministratorRoles create(RoleRepository roles, RoleMappingRepository mappings, LocalAccountRepository accounts) {
        AdministratorRoles administratorRoles = new AdministratorRoles();
        administratorRoles.roles = roles;
        administratorRoles.mappings = mappings;
        administratorRoles.accounts = accounts;
        return administratorRoles;
    }
}
