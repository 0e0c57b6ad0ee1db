package io.vestibule.identity.roles;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A named set of permissions; the built-in ones are fixed ({@link BuiltInRoles}). */
public record Role(UUID id, String name, boolean builtIn, Set<Permission> permissions) {
    public static final int LONGEST_NAME = 100;

    public Role {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /**
     * A custom role as an administrator defines it: a name of 1 to 100 printable characters, at least one
     * permission, none of them reserved to the Auditor.
     */
    public static Role custom(UUID id, String name, Set<Permission> permissions) throws RoleRefused {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > LONGEST_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new RoleRefused(RoleRefused.Reason.INVALID_NAME, "A role name has 1 to " + LONGEST_NAME + " printable characters.");
        }
        if (permissions.isEmpty()) {
            throw new RoleRefused(RoleRefused.Reason.NO_PERMISSIONS, "A role holds at least one permission.");
        }
        if (permissions.stream().anyMatch(Permission::auditorOnly)) {
            throw new RoleRefused(RoleRefused.Reason.AUDITOR_ONLY_PERMISSION,
                    "Logs, call records, backups, snapshots and packet captures are reserved to the built-in Auditor role.");
        }
        return new Role(id, trimmed, false, permissions);
    }
}
