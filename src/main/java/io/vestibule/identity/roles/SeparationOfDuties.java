package io.vestibule.identity.roles;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.vestibule.identity.AdminPrincipal;

/**
 * The one rule for every administrative act on a principal or a grant (R-ADM-4): accounts and their passwords,
 * roles, role mappings. Nobody acts on their own grants (their account, a role they hold, a mapping of one of their
 * groups), and the actor holds every permission the target holds before the change and would hold after it. So an
 * operator can neither become an Auditor nor take over or remove one, and only an Auditor acts on Auditors.
 *
 * <p>Because nobody can remove their own path to a role, the Auditor who acts always keeps one: the last way to be
 * an Auditor cannot be removed through the API.
 */
public final class SeparationOfDuties {
    private final AdminPrincipal actor;
    private final List<Role> actorRoles;
    private final Set<Permission> actorPermissions;

    /** The administrator who acts, with the roles in force for them now. */
    public SeparationOfDuties(AdminPrincipal actor, List<Role> actorRoles) {
        this.actor = actor;
        this.actorRoles = List.copyOf(actorRoles);
        this.actorPermissions = AdministratorRoles.permissionsOf(actorRoles);
    }

    /** Creating (no roles before), changing, resetting the password of, or deleting (no roles after) a local account. */
    public void checkAccount(Optional<UUID> account, Collection<Role> before, Collection<Role> after) throws DutyRefused {
        if (account.isPresent() && actor.localAccountId().equals(account)) {
            throw new DutyRefused(DutyRefused.Reason.OWN_GRANTS,
                    "Nobody changes their own account here; another administrator does, and your own password is changed from your menu.");
        }
        requireHeld(Stream.concat(before.stream(), after.stream()).toList());
    }

    /** Creating (no role before), changing or deleting (no role after) a custom role. */
    public void checkRole(Optional<Role> before, Optional<Role> after) throws DutyRefused {
        if (before.isPresent() && actorRoles.stream().anyMatch(held -> held.id().equals(before.get().id()))) {
            throw new DutyRefused(DutyRefused.Reason.OWN_GRANTS, "Nobody changes a role they hold; another administrator does.");
        }
        requireHeld(Stream.concat(before.stream(), after.stream()).toList());
    }

    /** Creating (no mapping before), changing or deleting (no mapping after) a role mapping, with the roles each gives. */
    public void checkMapping(Optional<RoleMapping> before, Collection<Role> rolesBefore, Optional<RoleMapping> after,
                             Collection<Role> rolesAfter) throws DutyRefused {
        boolean ownGroup = Stream.concat(before.stream(), after.stream())
                .anyMatch(mapping -> actor.groupDns().stream().anyMatch(mapping::matches));
        if (ownGroup) {
            throw new DutyRefused(DutyRefused.Reason.OWN_GRANTS, "Nobody changes the mapping of a group they belong to; another administrator does.");
        }
        requireHeld(Stream.concat(rolesBefore.stream(), rolesAfter.stream()).toList());
    }

    private void requireHeld(List<Role> targetRoles) throws DutyRefused {
        Set<Permission> missing = EnumSet.noneOf(Permission.class);
        missing.addAll(AdministratorRoles.permissionsOf(targetRoles));
        missing.removeAll(actorPermissions);
        if (!missing.isEmpty()) {
            throw new DutyRefused(DutyRefused.Reason.PERMISSION_NOT_HELD, "Only an administrator holding "
                    + String.join(", ", missing.stream().map(Permission::apiName).toList()) + " may do this.");
        }
    }
}
