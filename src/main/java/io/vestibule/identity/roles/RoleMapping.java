package io.vestibule.identity.roles;

import java.util.Set;
import java.util.UUID;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;

/** Members of a directory group (directly or through nested groups) hold these roles (R-ADM-4, seed 003). */
public record RoleMapping(UUID id, String name, String groupDn, Set<UUID> roleIds) {
    public static final int LONGEST_NAME = 200;
    public static final int LONGEST_GROUP_DN = 1000;

    public RoleMapping {
        roleIds = Set.copyOf(roleIds);
    }

    /** A mapping as an administrator writes it: a name, a well-formed group DN and at least one role. */
    public static RoleMapping of(UUID id, String name, String groupDn, Set<UUID> roleIds) throws RoleRefused {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > LONGEST_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new RoleRefused(RoleRefused.Reason.INVALID_NAME, "A mapping name has 1 to " + LONGEST_NAME + " printable characters.");
        }
        if (groupDn == null || groupDn.isBlank() || groupDn.length() > LONGEST_GROUP_DN || !DN.isValidDN(groupDn.strip())) {
            throw new RoleRefused(RoleRefused.Reason.INVALID_GROUP_DN, "The group must be a distinguished name such as CN=admins,OU=Groups,DC=example,DC=org.");
        }
        if (roleIds.isEmpty()) {
            throw new RoleRefused(RoleRefused.Reason.NO_ROLES, "A mapping gives at least one role.");
        }
        return new RoleMapping(id, trimmed, groupDn.strip(), roleIds);
    }

    /** DN equality as LDAP defines it: attribute names and values compared case-insensitively, spacing ignored. */
    public boolean matches(String memberOfDn) {
        try {
            return new DN(groupDn).equals(new DN(memberOfDn));
        } catch (LDAPException malformed) {
            return false;
        }
    }
}
