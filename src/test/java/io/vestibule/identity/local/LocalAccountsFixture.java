package io.vestibule.identity.local;

import java.time.Clock;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.roles.RoleRepository;

/** {@link LocalAccounts} wired by hand, as CDI would, for tests outside the container. */
public final class LocalAccountsFixture {
    private LocalAccountsFixture() {
    }

    public static LocalAccounts create(LocalAccountRepository repository, RoleRepository roles, Clock clock) {
        PasswordHasher hasher = new PasswordHasher(CryptoPolicy.standard(), CryptoPolicy.standard().newSecureRandom());
        LocalAccounts accounts = new LocalAccounts();
        accounts.repository = repository;
        accounts.roles = roles;
        accounts.hasher = hasher;
        accounts.policy = new PasswordPolicy(PasswordPolicy.Settings.standard(), hasher);
        accounts.clock = clock;
        return accounts;
    }
}
