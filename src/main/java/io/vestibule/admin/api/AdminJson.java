package io.vestibule.admin.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import io.vestibule.access.LiveRoom;
import io.vestibule.access.RoomOverview;
import io.vestibule.access.conference.Conference;
import io.vestibule.access.settings.JoinSettings;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.identity.settings.AdminSettings;
import io.vestibule.media.gateway.settings.MediaAdminSettings;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.rooms.Room;

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

    static JsonObject joinSettings(JoinSettings settings) {
        JsonArrayBuilder allowList = JsonBuilders.array();
        settings.breakInAllowList().forEach(allowList::add);
        return JsonBuilders.object()
                .add("pinLength", settings.pinLength())
                .add("pinMinimumLength", settings.pinMinimumLength())
                .add("roomFailures", settings.roomFailures())
                .add("roomWindowMinutes", settings.roomWindowMinutes())
                .add("roomBlockMinutes", settings.roomBlockMinutes())
                .add("addressAttempts", settings.addressAttempts())
                .add("addressWindowMinutes", settings.addressWindowMinutes())
                .add("addressBlockMinutes", settings.addressBlockMinutes())
                .add("breakInAllowList", allowList)
                .add("lobbyMinutes", settings.lobbyMinutes())
                .add("minutesBeforeStart", settings.minutesBeforeStart())
                .add("minutesAfterEnd", settings.minutesAfterEnd())
                .add("tokenLifetimeSeconds", settings.tokenLifetimeSeconds())
                .add("participantLimit", settings.participantLimit())
                .build();
    }

    /** A room in a list of search results: enough to recognise it. */
    static JsonObject roomFound(Room room) {
        return roomFields(room).build();
    }

    /** A room with its meetings and the conference running in it, counted, not named: operators need no roster. */
    static JsonObject room(RoomOverview overview) {
        JsonArrayBuilder meetings = JsonBuilders.array();
        overview.meetings().forEach(meeting -> meetings.add(JsonBuilders.object()
                .add("id", meeting.id().toString())
                .add("title", meeting.title())
                .add("start", meeting.schedule().start().toOffsetDateTime().toString())
                .add("end", meeting.schedule().end().toOffsetDateTime().toString())
                .add("timeZone", meeting.schedule().zone().getId())
                .add("recurring", meeting.schedule().recurrence().isPresent())
                .add("status", meeting.status().name().toLowerCase(java.util.Locale.ROOT))));
        JsonObjectBuilder json = roomFields(overview.room())
                .add("type", overview.room().type().code())
                .add("guestsWaitForHost", overview.room().guestsWaitForHost())
                .add("participantLimitInForce", overview.participantLimitInForce())
                .add("meetings", meetings);
        overview.room().participantLimit().ifPresentOrElse(limit -> json.add("participantLimit", limit),
                () -> json.addNull("participantLimit"));
        overview.room().newcomersWaitForAdmission().ifPresentOrElse(wait -> json.add("newcomersWaitForAdmission", wait),
                () -> json.addNull("newcomersWaitForAdmission"));
        overview.live().ifPresentOrElse(conference -> json.add("live", liveState(conference)), () -> json.addNull("live"));
        return json.build();
    }

    /** A running conference for the dashboard: its room's id and name and the counts of {@link #liveState}. */
    static JsonObject liveRoom(LiveRoom live) {
        return liveState(live.conference())
                .add("roomId", live.room().id().toString())
                .add("roomName", live.room().name())
                .build();
    }

    private static JsonObjectBuilder liveState(Conference conference) {
        return JsonBuilders.object()
                .add("startedAt", conference.startedAt().toString())
                .add("participants", conference.presentCount())
                .add("hosts", (int) conference.present().stream().filter(participant -> participant.host()).count())
                .add("lobby", conference.lobby().size())
                .add("locked", conference.locked());
    }

    private static JsonObjectBuilder roomFields(Room room) {
        JsonArrayBuilder aliases = JsonBuilders.array();
        room.aliases().forEach(alias -> aliases.add(JsonBuilders.object()
                .add("alias", alias.value()).add("kind", alias.kind().name().toLowerCase(java.util.Locale.ROOT))));
        JsonObjectBuilder json = JsonBuilders.object()
                .add("id", room.id().toString())
                .add("name", room.name())
                .add("kind", room.kind().name().toLowerCase(java.util.Locale.ROOT))
                .add("aliases", aliases)
                .add("closed", room.closedAt().isPresent());
        room.closedAt().ifPresent(at -> json.add("closedAt", at.toString()));
        return json;
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
