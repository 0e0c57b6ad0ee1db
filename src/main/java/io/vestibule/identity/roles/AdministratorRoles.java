package io.vestibule.identity.roles;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.LocalAccountRepository;

/**
 * The roles an administrator holds now: a local account's assigned roles, or the roles that role mappings give
 * to the directory groups the administrator belongs to (nested groups included, as read at sign-in).
 */
@ApplicationScoped
public class AdministratorRoles {
    @Inject
    RoleRepository roles;

    @Inject
    RoleMappingRepository mappings;

    @Inject
    LocalAccountRepository accounts;

    public List<Role> of(AdminPrincipal principal) {
        if (principal.localAccountId().isPresent()) {
            return accounts.find(principal.localAccountId().get()).map(this::of).orElse(List.of());
        }
        return ofGroups(principal.groupDns());
    }

    public List<Role> of(LocalAccount account) {
        return roles.findAll(account.roleIds());
    }

    public List<Role> ofGroups(Collection<String> groupDns) {
        Set<UUID> granted = new LinkedHashSet<>();
        for (RoleMapping mapping : mappings.all()) {
            if (groupDns.stream().anyMatch(mapping::matches)) {
                granted.addAll(mapping.roleIds());
            }
        }
        return roles.findAll(granted);
    }

    public static Set<Permission> permissionsOf(Collection<Role> held) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        held.forEach(role -> permissions.addAll(role.permissions()));
        return permissions;
    }
}
