package io.vestibule.identity.ldap;

import java.util.Set;

/**
 * A directory account after a successful bind.
 *
 * @param stableId objectGUID (Active Directory) or entryUUID, which survive renames; the DN does not
 * @param groupDns every group the account belongs to, nested memberships included
 */
public record DirectoryUser(String stableId, String dn, String username, String displayName, String email, Set<String> groupDns) {
    public DirectoryUser {
        groupDns = Set.copyOf(groupDns);
    }

    public boolean memberOf(String groupDn) {
        return groupDns.stream().anyMatch(group -> group.equalsIgnoreCase(groupDn));
    }
}
