package io.vestibule.identity.roles;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoleTest {
    @Test
    void onlyTheAuditorHoldsTheAuditorOnlyPermissions() {
        for (Permission permission : Permission.values()) {
            boolean auditorHolds = BuiltInRoles.AUDITOR.permissions().contains(permission);
            assertThat(auditorHolds).as(permission.apiName()).isEqualTo(permission.auditorOnly());
            if (permission.auditorOnly()) {
                assertThat(BuiltInRoles.READ_ONLY.permissions()).doesNotContain(permission);
                assertThat(BuiltInRoles.READ_WRITE.permissions()).doesNotContain(permission);
            }
        }
    }

    @Test
    void readOnlyMayLookButNotChange() {
        assertThat(BuiltInRoles.READ_ONLY.permissions()).contains(Permission.VIEW_CONFIGURATION)
                .doesNotContain(Permission.CHANGE_CONFIGURATION, Permission.MANAGE_ACCOUNTS);
        assertThat(BuiltInRoles.READ_WRITE.permissions()).contains(Permission.CHANGE_CONFIGURATION, Permission.MANAGE_ACCOUNTS);
    }

    @Test
    void aCustomRoleCannotHoldAnAuditorOnlyPermission() {
        assertThatExceptionOfType(RoleRefused.class)
                .isThrownBy(() -> Role.custom(UUID.randomUUID(), "Shadow auditor", EnumSet.of(Permission.VIEW_ALARMS, Permission.VIEW_CDRS)))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.AUDITOR_ONLY_PERMISSION));
    }

    @Test
    void aCustomRoleNeedsANameAndAPermission() {
        assertThatExceptionOfType(RoleRefused.class).isThrownBy(() -> Role.custom(UUID.randomUUID(), "  ", Set.of(Permission.VIEW_ALARMS)))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.INVALID_NAME));
        assertThatExceptionOfType(RoleRefused.class).isThrownBy(() -> Role.custom(UUID.randomUUID(), "x".repeat(101), Set.of(Permission.VIEW_ALARMS)))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.INVALID_NAME));
        assertThatExceptionOfType(RoleRefused.class).isThrownBy(() -> Role.custom(UUID.randomUUID(), "Line\nbreak", Set.of(Permission.VIEW_ALARMS)))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.INVALID_NAME));
        assertThatExceptionOfType(RoleRefused.class).isThrownBy(() -> Role.custom(UUID.randomUUID(), "Empty", Set.of()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(RoleRefused.Reason.NO_PERMISSIONS));
    }

    @Test
    void aValidCustomRoleKeepsItsTrimmedNameAndPermissions() throws Exception {
        Role role = Role.custom(UUID.randomUUID(), "  Alarm desk ", Set.of(Permission.VIEW_ALARMS));
        assertThat(role.name()).isEqualTo("Alarm desk");
        assertThat(role.builtIn()).isFalse();
        assertThat(role.permissions()).containsExactly(Permission.VIEW_ALARMS);
    }

    @Test
    void permissionsAreFoundByTheirApiNames() {
        for (Permission permission : Permission.values()) {
            assertThat(Permission.fromApiName(permission.apiName())).contains(permission);
        }
        assertThat(Permission.fromApiName("VIEW_CDRS")).isEmpty();
    }
}
