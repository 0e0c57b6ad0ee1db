package io.vestibule.identity;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A signed-in administrator as the admin session remembers them. Permissions are not kept here: they are worked
 * out on every request from the roles in force, so a changed role or mapping applies at once. A directory
 * administrator's groups are those read at sign-in.
 *
 * @param owner what the session limit counts: the local account, or the directory identity
 */
public record AdminPrincipal(Source source, String owner, String username, String displayName, Optional<UUID> localAccountId,
                             Set<String> groupDns) {
    public enum Source {
        LOCAL("local"), DIRECTORY("ldap");

        private final String apiName;

        Source(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }

    public AdminPrincipal {
        groupDns = Set.copyOf(groupDns);
    }

    public static AdminPrincipal local(UUID accountId, String username) {
        return new AdminPrincipal(Source.LOCAL, "local:" + accountId, username, username, Optional.of(accountId), Set.of());
    }

    public static AdminPrincipal directory(String issuer, String stableId, String username, String displayName, Set<String> groupDns) {
        return new AdminPrincipal(Source.DIRECTORY, issuer + ":" + stableId, username, displayName, Optional.empty(), groupDns);
    }
}
