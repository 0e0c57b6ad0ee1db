package io.vestibule.identity.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vestibule.identity.InMemoryAdministration;
import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalAccountsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryAdministration.Accounts repository = new InMemoryAdministration.Accounts();
    private final LocalAccounts accounts = LocalAccountsFixture.create(repository, new InMemoryAdministration.Roles(), clock);

    @Test
    void anAccountIsCreatedOnlyWithAPasswordThePolicyAccepts() {
        assertThatExceptionOfType(AccountRefused.class)
                .isThrownBy(() -> accounts.create("admin", Optional.of("short".toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, true))
                .satisfies(refused -> {
                    assertThat(refused.reason()).isEqualTo(AccountRefused.Reason.PASSWORD_POLICY);
                    assertThat(refused.failedRules()).contains(PasswordRule.LENGTH, PasswordRule.UPPERCASE, PasswordRule.DIGIT, PasswordRule.SPECIAL);
                });
        assertThat(repository.any()).isFalse();
    }

    @Test
    void userNamesAreUniqueWithoutRegardToCaseAndPlain() throws Exception {
        accounts.create("admin", Optional.of("Good-Password-12".toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        assertThatExceptionOfType(AccountRefused.class)
                .isThrownBy(() -> accounts.create("ADMIN", Optional.of("Good-Password-12".toCharArray()), Set.of(), false, true))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(AccountRefused.Reason.USERNAME_TAKEN));
        for (String bad : new String[] {"", "-admin", "ad min", "admin\n", "*)(uid=*", "x".repeat(65)}) {
            assertThatExceptionOfType(AccountRefused.class)
                    .isThrownBy(() -> accounts.create(bad, Optional.of("Good-Password-12".toCharArray()), Set.of(), false, true))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(AccountRefused.Reason.INVALID_USERNAME));
        }
    }

    @Test
    void theHistoryRefusesTheLastFivePasswordsAndTheMinimumAgeApplies() throws Exception {
        LocalAccount account = accounts.create("admin", Optional.of("Password-Number-0".toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofDays(11));
            accounts.changePassword(account.id(), ("Password-Number-" + (i - 1)).toCharArray(), ("Password-Number-" + i).toCharArray());
        }
        clock.advance(Duration.ofDays(11));
        assertThatExceptionOfType(AccountRefused.class)
                .isThrownBy(() -> accounts.changePassword(account.id(), "Password-Number-5".toCharArray(), "Password-Number-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.failedRules()).containsExactly(PasswordRule.HISTORY));
        accounts.changePassword(account.id(), "Password-Number-5".toCharArray(), "Password-Number-0".toCharArray());
        assertThatExceptionOfType(AccountRefused.class)
                .isThrownBy(() -> accounts.changePassword(account.id(), "Password-Number-0".toCharArray(), "Password-Number-6".toCharArray()))
                .satisfies(refused -> assertThat(refused.failedRules()).containsExactly(PasswordRule.MINIMUM_AGE));
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() throws Exception {
        LocalAccount account = accounts.create("admin", Optional.of("Password-Number-0".toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        assertThatExceptionOfType(AccountRefused.class)
                .isThrownBy(() -> accounts.changePassword(account.id(), "Not-The-Password-1".toCharArray(), "Password-Number-1".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(AccountRefused.Reason.INVALID_CREDENTIALS));
        assertThat(accounts.passwordMatches(accounts.find("admin"), "Password-Number-0".toCharArray())).isTrue();
    }

    @Test
    void theLastAccountThatManagesAccountsCannotBeDeletedOrDemoted() throws Exception {
        LocalAccount admin = accounts.create("admin", Optional.of("Password-Number-0".toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        LocalAccount auditor = accounts.create("auditor", Optional.of("Password-Number-0".toCharArray()), Set.of(BuiltInRoles.AUDITOR.id()), false, true);
        assertThatExceptionOfType(AccountRefused.class).isThrownBy(() -> accounts.delete(admin.id()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(AccountRefused.Reason.LAST_ADMINISTRATOR));
        assertThatExceptionOfType(AccountRefused.class)
                .isThrownBy(() -> accounts.update(admin.id(), Optional.of(Set.of(BuiltInRoles.READ_ONLY.id())), false, Optional.empty()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(AccountRefused.Reason.LAST_ADMINISTRATOR));
        accounts.delete(auditor.id());
        assertThat(accounts.find("auditor")).isEmpty();
    }

    @Test
    void aResetPasswordMustBeChangedAndACertificateOnlyAccountHasNone() throws Exception {
        LocalAccount account = accounts.create("operator", Optional.of("Password-Number-0".toCharArray()), Set.of(BuiltInRoles.READ_ONLY.id()), false, true);
        assertThat(accounts.passwordChangeRequired(account)).isFalse();
        accounts.update(account.id(), Optional.empty(), false, Optional.of("Reset-By-Admin-12".toCharArray()));
        assertThat(accounts.passwordChangeRequired(accounts.find(account.id()).orElseThrow())).isTrue();
        accounts.update(account.id(), Optional.empty(), true, Optional.empty());
        LocalAccount lastResort = accounts.find(account.id()).orElseThrow();
        assertThat(lastResort.certificateOnly()).isTrue();
        assertThat(lastResort.passwordHashes()).isEmpty();
        assertThat(accounts.passwordMatches(Optional.of(lastResort), "Reset-By-Admin-12".toCharArray())).isFalse();
    }

    /** A hash of no scheme this build checks (in FIPS mode, Argon2id) is named at start, so the operator can reset it. */
    @Test
    void accountsWhosePasswordHashThisBuildCannotCheckAreNamedAndCannotSignIn() throws Exception {
        LocalAccount checkable = accounts.create("kept", Optional.of("Checkable-Pass-2026!".toCharArray()),
                Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        LocalAccount foreign = new LocalAccount(java.util.UUID.randomUUID(), "imported", Set.of(BuiltInRoles.READ_WRITE.id()), clock.instant());
        foreign.setPassword("$scrypt$ln=16,r=8,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", 5, false, clock.instant());
        repository.add(foreign);

        assertThat(accounts.withUncheckablePasswords()).containsExactly("imported");
        assertThat(accounts.passwordMatches(Optional.of(foreign), "anything at all".toCharArray())).isFalse();
        assertThat(accounts.passwordMatches(Optional.of(checkable), "Checkable-Pass-2026!".toCharArray())).isTrue();
    }
}
