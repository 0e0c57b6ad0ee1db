package io.vestibule.identity.local;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleRepository;

/**
 * Local administrator accounts under the password policy (R-ADM-6): creation, password checks and changes,
 * role assignment and deletion. The console can never be left without a local account that manages accounts.
 */
@ApplicationScoped
@Transactional(rollbackOn = AccountRefused.class)
public class LocalAccounts {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0," + (LocalAccount.LONGEST_USERNAME - 1) + "}");

    @Inject
    LocalAccountRepository repository;

    @Inject
    RoleRepository roles;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @Inject
    Clock clock;

    /** A hash of nothing anyone knows, checked when there is no account, so timing does not tell which names exist. */
    private volatile String decoy;

    public Optional<LocalAccount> find(String username) {
        return repository.findByUsername(username);
    }

    public Optional<LocalAccount> find(UUID id) {
        return repository.find(id);
    }

    public List<LocalAccount> all() {
        return repository.all();
    }

    public boolean any() {
        return repository.any();
    }

    /**
     * Whether {@code password} is the account's password. An absent or certificate-only account costs the same
     * time as a wrong password.
     */
    public boolean passwordMatches(Optional<LocalAccount> account, char[] password) {
        Optional<String> hash = account.flatMap(LocalAccount::passwordHash);
        if (hash.isEmpty()) {
            hasher.matches(password, decoy());
            return false;
        }
        return hasher.matches(password, hash.get());
    }

    /**
     * The accounts whose password this build cannot check: Argon2id hashes in FIPS mode. They sign in with a password
     * again once another administrator sets a new one.
     */
    public List<String> withUncheckablePasswords() {
        return repository.all().stream()
                .filter(account -> account.passwordHash().filter(hash -> !hasher.checkable(hash)).isPresent())
                .map(LocalAccount::username).sorted().toList();
    }

    /** A password someone else chose, or one past its maximum age, serves only to choose a new one. */
    public boolean passwordChangeRequired(LocalAccount account) {
        return account.mustChangePassword() || policy.expired(account.passwordSetAt(), clock.instant());
    }

    public Optional<Instant> passwordExpiresAt(LocalAccount account) {
        return account.certificateOnly() ? Optional.empty() : Optional.of(policy.expiresAt(account.passwordSetAt()));
    }

    /**
     * Creates an account. A password another administrator chose must be changed at first sign-in
     * ({@code chosenByHolder} false); a certificate-only account has none.
     */
    public LocalAccount create(String username, Optional<char[]> password, Set<UUID> roleIds, boolean certificateOnly,
                               boolean chosenByHolder) throws AccountRefused {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AccountRefused(AccountRefused.Reason.INVALID_USERNAME, "A user name has 1 to " + LocalAccount.LONGEST_USERNAME
                    + " letters, digits, dots, dashes, underscores or @, and starts with a letter or digit.");
        }
        if (repository.findByUsername(username).isPresent()) {
            throw new AccountRefused(AccountRefused.Reason.USERNAME_TAKEN, "An account called '" + username + "' already exists.");
        }
        requireKnownRoles(roleIds);
        Instant now = clock.instant();
        LocalAccount account = new LocalAccount(UUID.randomUUID(), username, roleIds, now);
        if (certificateOnly) {
            account.makeCertificateOnly(now);
        } else {
            char[] chosen = password.orElseThrow(() -> AccountRefused.passwordPolicy(List.of(PasswordRule.LENGTH)));
            requirePolicy(chosen, PasswordHistory.empty(), true);
            account.setPassword(hasher.hash(chosen), policy.settings().historySize(), !chosenByHolder, now);
        }
        repository.add(account);
        return account;
    }

    /** The account holder changes their own password, proving the current one. */
    public void changePassword(UUID accountId, char[] currentPassword, char[] newPassword) throws AccountRefused {
        LocalAccount account = existing(accountId);
        if (!passwordMatches(Optional.of(account), currentPassword)) {
            throw new AccountRefused(AccountRefused.Reason.INVALID_CREDENTIALS, "The current password is wrong.");
        }
        requirePolicy(newPassword, history(account), passwordChangeRequired(account));
        account.setPassword(hasher.hash(newPassword), policy.settings().historySize(), false, clock.instant());
        repository.update(account);
    }

    /**
     * Another administrator changes an account, all or nothing: new roles, no more password (certificate only), or a
     * new password that the holder must change at the next sign-in.
     */
    public void update(UUID accountId, Optional<Set<UUID>> roleIds, boolean makeCertificateOnly, Optional<char[]> newPassword)
            throws AccountRefused {
        LocalAccount account = existing(accountId);
        if (roleIds.isPresent()) {
            requireKnownRoles(roleIds.get());
            requireAnAccountManagerRemains(accountId, roleIds.get());
            account.assignRoles(roleIds.get());
        }
        if (makeCertificateOnly) {
            account.makeCertificateOnly(clock.instant());
        }
        if (newPassword.isPresent()) {
            requirePolicy(newPassword.get(), history(account), true);
            account.setPassword(hasher.hash(newPassword.get()), policy.settings().historySize(), true, clock.instant());
        }
        repository.update(account);
    }

    public void delete(UUID accountId) throws AccountRefused {
        existing(accountId);
        requireAnAccountManagerRemains(accountId, Set.of());
        repository.delete(accountId);
    }

    private LocalAccount existing(UUID accountId) throws AccountRefused {
        return repository.find(accountId).orElseThrow(() -> new AccountRefused(AccountRefused.Reason.NOT_FOUND, "No such account."));
    }

    private PasswordHistory history(LocalAccount account) {
        List<String> hashes = account.passwordHashes();
        return hashes.isEmpty() ? PasswordHistory.empty() : new PasswordHistory(hashes, account.passwordSetAt());
    }

    private void requirePolicy(char[] candidate, PasswordHistory history, boolean forced) throws AccountRefused {
        List<PasswordRule> failed = policy.check(candidate, history, clock.instant(), forced);
        if (!failed.isEmpty()) {
            throw AccountRefused.passwordPolicy(failed);
        }
    }

    private void requireKnownRoles(Set<UUID> roleIds) throws AccountRefused {
        for (UUID id : roleIds) {
            if (roles.find(id).isEmpty()) {
                throw new AccountRefused(AccountRefused.Reason.UNKNOWN_ROLE, "No such role: " + id);
            }
        }
    }

    /**
     * Seed 003's "last resort": once some local account can manage accounts, one must remain able to, so a
     * directory outage never locks every administrator out. Checked before the change, with the account's roles as
     * they would become.
     */
    private void requireAnAccountManagerRemains(UUID changed, Set<UUID> rolesAfter) throws AccountRefused {
        List<LocalAccount> all = repository.all();
        boolean before = all.stream().anyMatch(account -> managesAccounts(account.roleIds()));
        boolean after = managesAccounts(rolesAfter)
                || all.stream().filter(account -> !account.id().equals(changed)).anyMatch(account -> managesAccounts(account.roleIds()));
        if (before && !after) {
            throw new AccountRefused(AccountRefused.Reason.LAST_ADMINISTRATOR,
                    "This would leave no local account holding " + BuiltInRoles.READ_WRITE.name() + " or another role that manages accounts.");
        }
    }

    private boolean managesAccounts(Set<UUID> roleIds) {
        return roles.findAll(roleIds).stream().map(Role::permissions)
                .anyMatch(permissions -> permissions.contains(Permission.MANAGE_ACCOUNTS));
    }

    private String decoy() {
        String value = decoy;
        if (value == null) {
            char[] nobody = UUID.randomUUID().toString().toCharArray();
            value = hasher.hash(nobody);
            decoy = value;
        }
        return value;
    }
}
