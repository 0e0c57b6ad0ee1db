package io.vestibule.admin.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.identity.settings.AdminSettings;
import io.vestibule.media.gateway.settings.MediaAdminSettings;
import io.vestibule.platform.json.JsonBuilders;

/** How the admin API shows administrators, accounts, roles, mappings and settings. */
final class AdminJson {
    private AdminJson() {
    }

    static JsonObject administrator(AdminPrincipal principal, List<Role> roles, Set<Permission> permissions, Optional<String> passwordExpiresAt) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("username", principal.username())
                .add("displayName", principal.displayName())
                .add("source", principal.source().apiName())
                .add("roles", names(roles))
                .add("permissions", permissionNames(permissions));
        passwordExpiresAt.ifPresentOrElse(at -> json.add("passwordExpiresAt", at), () -> json.addNull("passwordExpiresAt"));
        return json.build();
    }

    static JsonObject account(LocalAccount account, List<Role> roles, Optional<String> passwordExpiresAt) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("id", account.id().toString())
                .add("username", account.username())
                .add("roles", names(roles))
                .add("certificateOnly", account.certificateOnly())
                .add("mustChangePassword", account.mustChangePassword())
                .add("passwordChangedAt", account.passwordSetAt().toString())
                .add("createdAt", account.createdAt().toString());
        passwordExpiresAt.ifPresentOrElse(at -> json.add("passwordExpiresAt", at), () -> json.addNull("passwordExpiresAt"));
        return json.build();
    }

    static JsonObject role(Role role) {
        return JsonBuilders.object()
                .add("id", role.id().toString())
                .add("name", role.name())
                .add("builtIn", role.builtIn())
                .add("permissions", permissionNames(role.permissions()))
                .build();
    }

    static JsonObject mapping(RoleMapping mapping, Collection<Role> roles) {
        return JsonBuilders.object()
                .add("id", mapping.id().toString())
                .add("name", mapping.name())
                .add("groupDn", mapping.groupDn())
                .add("roles", names(roles))
                .build();
    }

    static JsonObject settings(AdminSettings settings) {
        return JsonBuilders.object()
                .add("authenticationSource", settings.authenticationSource().apiName())
                .add("clientCertificate", settings.clientCertificate().apiName())
                .add("banner", settings.banner())
                .add("sessionIdleMinutes", settings.sessionIdleMinutes())
                .build();
    }

    /** With the SRTP profiles the setting leaves, most preferred first, as the gateway offers them. */
    static JsonObject mediaSettings(MediaAdminSettings settings, CryptoPolicy policy) {
        JsonArrayBuilder profiles = JsonBuilders.array();
        policy.srtpProfiles(settings.allowAesCm()).forEach(profiles::add);
        return JsonBuilders.object()
                .add("allowAesCm", settings.allowAesCm())
                .add("srtpProfiles", profiles)
                .build();
    }

    static JsonArrayBuilder names(Collection<Role> roles) {
        JsonArrayBuilder names = JsonBuilders.array();
        roles.stream().map(Role::name).sorted().forEach(names::add);
        return names;
    }

    static JsonArrayBuilder permissionNames(Collection<Permission> permissions) {
        JsonArrayBuilder names = JsonBuilders.array();
        permissions.stream().sorted().map(Permission::apiName).forEach(names::add);
        return names;
    }

    static JsonArrayBuilder ids(Collection<UUID> ids) {
        JsonArrayBuilder array = JsonBuilders.array();
        ids.forEach(id -> array.add(id.toString()));
        return array;
    }
}
