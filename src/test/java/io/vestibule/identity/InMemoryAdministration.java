package io.vestibule.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.LocalAccountRepository;
import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.identity.roles.RoleMappingRepository;
import io.vestibule.identity.roles.RoleRefused;
import io.vestibule.identity.roles.RoleRepository;

/** The administration repositories in memory, for domain tests that run without a database. */
public final class InMemoryAdministration {
    private InMemoryAdministration() {
    }

    public static final class Accounts implements LocalAccountRepository {
        private final Map<UUID, LocalAccount> accounts = new LinkedHashMap<>();

        @Override
        public List<LocalAccount> all() {
            return accounts.values().stream().sorted(Comparator.comparing(LocalAccount::username)).toList();
        }

        @Override
        public Optional<LocalAccount> find(UUID id) {
            return Optional.ofNullable(accounts.get(id));
        }

        @Override
        public Optional<LocalAccount> findByUsername(String username) {
            return accounts.values().stream().filter(a -> a.username().toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))).findFirst();
        }

        @Override
        public boolean any() {
            return !accounts.isEmpty();
        }

        @Override
        public void add(LocalAccount account) {
            accounts.put(account.id(), account);
        }

        @Override
        public LocalAccount update(LocalAccount account) {
            accounts.put(account.id(), account);
            return account;
        }

        @Override
        public void delete(UUID id) {
            accounts.remove(id);
        }
    }

    public static final class Roles implements RoleRepository {
        private final Map<UUID, Role> roles = new LinkedHashMap<>();

        public Roles() {
            BuiltInRoles.ALL.forEach(role -> roles.put(role.id(), role));
        }

        @Override
        public List<Role> all() {
            return List.copyOf(roles.values());
        }

        @Override
        public Optional<Role> find(UUID id) {
            return Optional.ofNullable(roles.get(id));
        }

        @Override
        public Optional<Role> findByName(String name) {
            return roles.values().stream().filter(role -> role.name().equalsIgnoreCase(name)).findFirst();
        }

        @Override
        public void save(Role role) throws RoleRefused {
            roles.put(role.id(), role);
        }

        @Override
        public void delete(UUID id) {
            roles.remove(id);
        }
    }

    public static final class Mappings implements RoleMappingRepository {
        private final List<RoleMapping> mappings = new ArrayList<>();

        @Override
        public List<RoleMapping> all() {
            return List.copyOf(mappings);
        }

        @Override
        public Optional<RoleMapping> find(UUID id) {
            return mappings.stream().filter(m -> m.id().equals(id)).findFirst();
        }

        @Override
        public void save(RoleMapping mapping) {
            mappings.removeIf(m -> m.id().equals(mapping.id()));
            mappings.add(mapping);
        }

        @Override
        public boolean delete(UUID id) {
            return mappings.removeIf(m -> m.id().equals(id));
        }
    }
}
