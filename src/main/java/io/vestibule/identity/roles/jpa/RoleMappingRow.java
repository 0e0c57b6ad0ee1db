package io.vestibule.identity.roles.jpa;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.vestibule.identity.roles.RoleMapping;

@Entity
@Table(name = "ldap_role_mapping")
public class RoleMappingRow {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = RoleMapping.LONGEST_NAME)
    private String name;

    @Column(name = "group_dn", nullable = false, length = RoleMapping.LONGEST_GROUP_DN)
    private String groupDn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ldap_role_mapping_role", joinColumns = @JoinColumn(name = "mapping_id"))
    @Column(name = "role_id", length = 36)
    private Set<String> roleIds = new HashSet<>();

    @Version
    private int version;

    protected RoleMappingRow() {
    }

    RoleMappingRow(RoleMapping mapping) {
        this.id = mapping.id().toString();
        update(mapping);
    }

    void update(RoleMapping mapping) {
        this.name = mapping.name();
        this.groupDn = mapping.groupDn();
        this.roleIds.clear();
        mapping.roleIds().forEach(role -> roleIds.add(role.toString()));
    }

    RoleMapping toMapping() {
        return new RoleMapping(UUID.fromString(id), name, groupDn, roleIds.stream().map(UUID::fromString).collect(Collectors.toSet()));
    }
}
