package io.vestibule.identity.roles.jpa;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;

@Entity
@Table(name = "admin_role")
public class RoleRow {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = Role.LONGEST_NAME)
    private String name;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @Column(nullable = false, length = 1000)
    private String permissions;

    @Version
    private int version;

    protected RoleRow() {
    }

    RoleRow(Role role) {
        this.id = role.id().toString();
        update(role);
    }

    void update(Role role) {
        this.name = role.name();
        this.builtIn = role.builtIn();
        this.permissions = role.permissions().stream().map(Permission::apiName).sorted().collect(Collectors.joining(","));
    }

    boolean builtIn() {
        return builtIn;
    }

    /** A built-in role's permissions are the code's, so a release that changes them needs no migration. */
    Role toRole() {
        UUID roleId = UUID.fromString(id);
        if (builtIn) {
            return BuiltInRoles.find(roleId).orElseThrow(() -> new IllegalStateException("Unknown built-in role " + id));
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        Arrays.stream(permissions.split(",")).map(Permission::fromApiName).flatMap(java.util.Optional::stream).forEach(granted::add);
        return new Role(roleId, name, false, granted);
    }
}
