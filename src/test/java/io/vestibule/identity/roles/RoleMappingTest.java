package io.vestibule.identity.roles;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoleMappingTest {
    private static final Set<UUID> AUDITOR = Set.of(BuiltInRoles.AUDITOR.id());

    @Test
    void groupsMatchAsDistinguishedNamesNotAsText() throws Exception {
        RoleMapping mapping = RoleMapping.of(UUID.randomUUID(), "Auditors", "CN=vestibule-auditors,OU=Groups,DC=example,DC=org", AUDITOR);
        assertThat(mapping.matches("cn=Vestibule-Auditors, ou=groups, dc=example, dc=org")).isTrue();
        assertThat(mapping.matches("CN=vestibule-auditors,OU=Groups,DC=example,DC=com")).isFalse();
        assertThat(mapping.matches("CN=vestibule-auditors-2,OU=Groups,DC=example,DC=org")).isFalse();
        assertThat(mapping.matches("not a dn")).isFalse();
    }

    @Test
    void aMappingNeedsAWellFormedGroupAndARole() {
        assertThatExceptionOfType(RoleRefused.class).isThrownBy(() -> RoleMapping.of(UUID.randomUUID(), "x", "not a dn", AUDITOR))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.INVALID_GROUP_DN));
        assertThatExceptionOfType(RoleRefused.class).isThrownBy(() -> RoleMapping.of(UUID.randomUUID(), "x", "CN=a,DC=b", Set.of()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.NO_ROLES));
        assertThatExceptionOfType(RoleRefused.class).isThrownBy(() -> RoleMapping.of(UUID.randomUUID(), "", "CN=a,DC=b", AUDITOR))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.INVALID_NAME));
    }
}
