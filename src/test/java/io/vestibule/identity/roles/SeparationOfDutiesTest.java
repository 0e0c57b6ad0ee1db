package io.vestibule.identity.roles;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.identity.AdminPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.ThrowableAssert.ThrowingCallable;

class SeparationOfDutiesTest {
    private static final String AUDITORS = "CN=auditors,OU=Groups,DC=example,DC=org";
    private static final String ADMINS = "CN=admins,OU=Groups,DC=example,DC=org";
    private static final UUID OTHER_ACCOUNT = UUID.randomUUID();

    private final UUID ownAccount = UUID.randomUUID();
    private final Role alarmDesk = new Role(UUID.randomUUID(), "Alarm desk", false, EnumSet.of(Permission.VIEW_ALARMS));
    private final Role accountDesk = new Role(UUID.randomUUID(), "Account desk", false,
            EnumSet.of(Permission.MANAGE_ACCOUNTS, Permission.VIEW_CONFIGURATION));

    private SeparationOfDuties local(Role... held) {
        return new SeparationOfDuties(AdminPrincipal.local(ownAccount, "actor"), List.of(held));
    }

    private SeparationOfDuties directory(String group, Role... held) {
        return new SeparationOfDuties(AdminPrincipal.directory("ldap", "id-1", "dave", "Dave", Set.of(group)), List.of(held));
    }

    private static void assertRefused(DutyRefused.Reason reason, ThrowingCallable act) {
        assertThatExceptionOfType(DutyRefused.class).isThrownBy(act).satisfies(refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    @Test
    void aReadWriteAdministratorCannotGiveAnyoneAuditorNorItself() {
        SeparationOfDuties readWrite = local(BuiltInRoles.READ_WRITE);
        assertRefused(DutyRefused.Reason.OWN_GRANTS, () -> readWrite.checkAccount(Optional.of(ownAccount),
                List.of(BuiltInRoles.READ_WRITE), List.of(BuiltInRoles.READ_WRITE, BuiltInRoles.AUDITOR)));
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD,
                () -> readWrite.checkAccount(Optional.empty(), List.of(), List.of(BuiltInRoles.AUDITOR)));
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD,
                () -> readWrite.checkMapping(Optional.empty(), List.of(), Optional.of(mapping(AUDITORS)), List.of(BuiltInRoles.AUDITOR)));
    }

    @Test
    void aReadWriteAdministratorCannotResetNorDeleteAnAuditorsAccount() {
        SeparationOfDuties readWrite = local(BuiltInRoles.READ_WRITE);
        List<Role> auditor = List.of(BuiltInRoles.AUDITOR);
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD, () -> readWrite.checkAccount(Optional.of(OTHER_ACCOUNT), auditor, auditor));
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD, () -> readWrite.checkAccount(Optional.of(OTHER_ACCOUNT), auditor, List.of()));
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD, () -> readWrite.checkMapping(Optional.of(mapping(AUDITORS)),
                auditor, Optional.empty(), List.of()));
    }

    @Test
    void aReadWriteAdministratorManagesOperatorsAccountsAndRoles() {
        SeparationOfDuties readWrite = local(BuiltInRoles.READ_WRITE);
        assertThatCode(() -> readWrite.checkAccount(Optional.of(OTHER_ACCOUNT), List.of(BuiltInRoles.READ_ONLY),
                List.of(BuiltInRoles.READ_WRITE))).doesNotThrowAnyException();
        assertThatCode(() -> readWrite.checkRole(Optional.of(alarmDesk), Optional.of(accountDesk))).doesNotThrowAnyException();
        assertThatCode(() -> readWrite.checkMapping(Optional.empty(), List.of(), Optional.of(mapping(ADMINS)),
                List.of(BuiltInRoles.READ_ONLY))).doesNotThrowAnyException();
    }

    @Test
    void aDirectoryAdministratorCannotTouchTheMappingOfItsOwnGroup() {
        SeparationOfDuties dave = directory(ADMINS, BuiltInRoles.READ_WRITE);
        assertRefused(DutyRefused.Reason.OWN_GRANTS, () -> dave.checkMapping(Optional.of(mapping(ADMINS)), List.of(BuiltInRoles.READ_WRITE),
                Optional.of(mapping(ADMINS)), List.of(BuiltInRoles.READ_ONLY)));
        assertRefused(DutyRefused.Reason.OWN_GRANTS, () -> dave.checkMapping(Optional.empty(), List.of(),
                Optional.of(mapping(ADMINS.toLowerCase())), List.of(BuiltInRoles.READ_ONLY)));
    }

    @Test
    void aCustomRoleCannotWidenItselfNorGrantWhatItLacks() {
        SeparationOfDuties desk = local(accountDesk);
        Role widened = new Role(accountDesk.id(), accountDesk.name(), false,
                EnumSet.of(Permission.MANAGE_ACCOUNTS, Permission.VIEW_CONFIGURATION, Permission.CHANGE_CONFIGURATION));
        assertRefused(DutyRefused.Reason.OWN_GRANTS, () -> desk.checkRole(Optional.of(accountDesk), Optional.of(widened)));
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD,
                () -> desk.checkAccount(Optional.of(OTHER_ACCOUNT), List.of(alarmDesk), List.of(BuiltInRoles.READ_WRITE)));
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD, () -> desk.checkRole(Optional.empty(), Optional.of(
                new Role(UUID.randomUUID(), "Changer", false, EnumSet.of(Permission.CHANGE_CONFIGURATION)))));
    }

    @Test
    void onlyAnAuditorActsOnAuditorsAndNeverOnOperators() {
        SeparationOfDuties auditor = directory(AUDITORS, BuiltInRoles.AUDITOR);
        assertThatCode(() -> auditor.checkAccount(Optional.empty(), List.of(), List.of(BuiltInRoles.AUDITOR))).doesNotThrowAnyException();
        assertThatCode(() -> auditor.checkMapping(Optional.empty(), List.of(), Optional.of(mapping("CN=second auditors,DC=example,DC=org")),
                List.of(BuiltInRoles.AUDITOR))).doesNotThrowAnyException();
        assertRefused(DutyRefused.Reason.PERMISSION_NOT_HELD,
                () -> auditor.checkAccount(Optional.of(OTHER_ACCOUNT), List.of(BuiltInRoles.READ_ONLY), List.of(BuiltInRoles.READ_ONLY)));
        assertRefused(DutyRefused.Reason.OWN_GRANTS, () -> auditor.checkMapping(Optional.of(mapping(AUDITORS)),
                List.of(BuiltInRoles.AUDITOR), Optional.empty(), List.of()));
    }

    private static RoleMapping mapping(String groupDn) {
        return new RoleMapping(UUID.randomUUID(), "mapping", groupDn, Set.of(BuiltInRoles.AUDITOR.id()));
    }
}
