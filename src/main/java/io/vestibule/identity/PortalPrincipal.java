package io.vestibule.identity;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.vestibule.identity.oidc.IdTokenHint;

/**
 * What a portal session knows of its user: the account, the groups the identity source named at sign-in (group DNs
 * from the directory, group names from the provider's token), and after a single sign-on the ID token, kept only to
 * end the provider's session at sign-out.
 */
public record PortalPrincipal(UUID accountId, Set<String> groups, Optional<IdTokenHint> idToken) {
    public PortalPrincipal {
        groups = Set.copyOf(groups);
    }
}
