package io.vestibule.identity.local;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.InMemoryAdministration;
import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FirstAdministratorTest {
    private final InMemoryAdministration.Accounts repository = new InMemoryAdministration.Accounts();
    private final InMemoryAdministration.Mappings mappings = new InMemoryAdministration.Mappings();
    private final FirstAdministrator first = firstAdministrator();

    private FirstAdministrator firstAdministrator() {
        FirstAdministrator created = new FirstAdministrator();
        created.accounts = LocalAccountsFixture.create(repository, new InMemoryAdministration.Roles(),
                new TestClock(Instant.parse("2026-12-01T09:00:00Z")));
        created.random = CryptoPolicy.standard().newSecureRandom();
        created.policy = CryptoPolicy.standard();
        created.mappings = mappings;
        return created;
    }

    @Test
    void theSetupCodeCreatesTheFirstAdministratorOnceAndIsVoidAfterwards() throws Exception {
        String code = first.issueSetupCode();
        assertThat(code).matches("[A-Z2-9]{5}(-[A-Z2-9]{5}){3}");
        assertThat(first.setupPending()).isTrue();

        LocalAccount admin = first.complete(code.toLowerCase().replace("-", " ").toCharArray(), "root", "Chosen-Root-Pass-1".toCharArray());
        assertThat(admin.roleIds()).containsExactly(BuiltInRoles.READ_WRITE.id());
        assertThat(admin.mustChangePassword()).as("the holder chose it").isFalse();
        assertThat(first.setupPending()).isFalse();
        assertThatExceptionOfType(SetupRefused.class)
                .isThrownBy(() -> first.complete(code.toCharArray(), "second", "Chosen-Root-Pass-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(SetupRefused.Reason.CLOSED));
        assertThat(repository.all()).hasSize(1);
    }

    @Test
    void aWrongCodeIsRefusedAndTheRightOneStillWorks() throws Exception {
        String code = first.issueSetupCode();
        assertThatExceptionOfType(SetupRefused.class)
                .isThrownBy(() -> first.complete("AAAAA-AAAAA-AAAAA-AAAAA".toCharArray(), "root", "Chosen-Root-Pass-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(SetupRefused.Reason.INVALID_CODE));
        assertThat(first.complete(code.toCharArray(), "root", "Chosen-Root-Pass-1".toCharArray()).username()).isEqualTo("root");
    }

    @Test
    void aNewCodeVoidsTheEarlierOne() {
        String earlier = first.issueSetupCode();
        first.issueSetupCode();
        assertThatExceptionOfType(SetupRefused.class)
                .isThrownBy(() -> first.complete(earlier.toCharArray(), "root", "Chosen-Root-Pass-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(SetupRefused.Reason.INVALID_CODE));
    }

    @Test
    void aWeakPasswordLeavesTheCodeValid() throws Exception {
        String code = first.issueSetupCode();
        assertThatExceptionOfType(AccountRefused.class).isThrownBy(() -> first.complete(code.toCharArray(), "root", "weak".toCharArray()));
        assertThat(first.setupPending()).isTrue();
        assertThat(first.complete(code.toCharArray(), "root", "Chosen-Root-Pass-1".toCharArray())).isNotNull();
    }

    @Test
    void noSetupIsPendingOnceALocalAccountExists() throws Exception {
        String code = first.issueSetupCode();
        first.accounts.create("existing", Optional.of("Existing-Pass-123".toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        assertThat(first.setupPending()).as("the console no longer offers the setup form").isFalse();
        assertThatExceptionOfType(SetupRefused.class)
                .isThrownBy(() -> first.complete(code.toCharArray(), "root", "Chosen-Root-Pass-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(SetupRefused.Reason.CLOSED));
    }

    @Test
    void theAuditorCodeCreatesAnAccountHoldingAuditorAloneOnce() throws Exception {
        String adminCode = first.issueSetupCode();
        String auditorCode = first.issueAuditorSetupCode();
        first.complete(adminCode.toCharArray(), "root", "Chosen-Root-Pass-1".toCharArray());
        assertThat(first.auditorSetupPending()).as("the administrator's code leaves the Auditor's pending").isTrue();

        LocalAccount auditor = first.complete(auditorCode.toCharArray(), "audrey", "Chosen-Audit-Pass-1".toCharArray());
        assertThat(auditor.roleIds()).containsExactly(BuiltInRoles.AUDITOR.id());
        assertThat(first.auditorSetupPending()).isFalse();
        assertThatExceptionOfType(SetupRefused.class)
                .isThrownBy(() -> first.complete(auditorCode.toCharArray(), "second", "Chosen-Audit-Pass-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(SetupRefused.Reason.CLOSED));
    }

    @Test
    void theAuditorCodeIsVoidOnceAMappingGivesAuditor() throws Exception {
        String auditorCode = first.issueAuditorSetupCode();
        mappings.save(new RoleMapping(UUID.randomUUID(), "Auditors", "CN=auditors,DC=example,DC=org", Set.of(BuiltInRoles.AUDITOR.id())));
        assertThat(first.auditorSetupPending()).isFalse();
        assertThatExceptionOfType(SetupRefused.class)
                .isThrownBy(() -> first.complete(auditorCode.toCharArray(), "audrey", "Chosen-Audit-Pass-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(SetupRefused.Reason.CLOSED));
        assertThat(repository.all()).isEmpty();
    }
}
