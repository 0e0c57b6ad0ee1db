package io.vestibule.identity.roles;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The three roles every installation has (R-ADM-4, seed 003): Read-only and Read-write for operators, and the
 * Auditor, the only role holding the auditor-only permissions. Their ids are fixed so that migrations, the demo
 * mappings and the bootstrap administrator can name them.
 */
public final class BuiltInRoles {
    public static final Role READ_ONLY = new Role(UUID.fromString("0f6d3b1e-5c1a-4b7e-9a51-000000000001"), "Read-only", true,
            EnumSet.of(Permission.VIEW_CONFIGURATION, Permission.VIEW_ROOMS, Permission.VIEW_ALARMS));
    public static final Role READ_WRITE = new Role(UUID.fromString("0f6d3b1e-5c1a-4b7e-9a51-000000000002"), "Read-write", true,
            EnumSet.of(Permission.VIEW_CONFIGURATION, Permission.CHANGE_CONFIGURATION, Permission.MANAGE_ACCOUNTS, Permission.VIEW_ROOMS,
                    Permission.MANAGE_ROOMS, Permission.MANAGE_INTEGRATIONS, Permission.VIEW_ALARMS, Permission.LIFT_BLOCKS,
                    Permission.MANAGE_CERTIFICATES));
    public static final Role AUDITOR = new Role(UUID.fromString("0f6d3b1e-5c1a-4b7e-9a51-000000000003"), "Auditor", true,
            EnumSet.copyOf(EnumSet.allOf(Permission.class).stream().filter(Permission::auditorOnly).toList()));

    public static final List<Role> ALL = List.of(READ_ONLY, READ_WRITE, AUDITOR);

    private BuiltInRoles() {
    }

    public static Optional<Role> find(UUID id) {
        return ALL.stream().filter(role -> role.id().equals(id)).findFirst();
    }
}
