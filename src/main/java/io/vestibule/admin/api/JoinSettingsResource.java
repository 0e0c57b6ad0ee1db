package io.vestibule.admin.api;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.audit.AuditEventType;
import io.vestibule.access.settings.JoinSettingRefused;
import io.vestibule.access.settings.JoinSettings;
import io.vestibule.access.settings.JoinSettingsService;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;

/** PINs, break-in resistance, the lobby, the join window, join tokens and the participant limit: read at every join. */
@Path("/join-settings")
@Produces(MediaType.APPLICATION_JSON)
public class JoinSettingsResource {
    private static final Set<String> FIELDS = Set.of("pinLength", "pinMinimumLength", "roomFailures", "roomWindowMinutes",
            "roomBlockMinutes", "addressAttempts", "addressWindowMinutes", "addressBlockMinutes", "breakInAllowList",
            "lobbyMinutes", "minutesBeforeStart", "minutesAfterEnd", "tokenLifetimeSeconds", "participantLimit");
    private static final int LONGEST_RANGE = 50;

    @Inject
    JoinSettingsService settings;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String get() {
        return AdminJson.joinSettings(settings.current()).toString();
    }

    /** Fields left out keep their value; a value outside the product's floors is refused naming its field. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String change(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, FIELDS);
        JoinSettings before = settings.current();
        JoinSettings changed = new JoinSettings(
                number(request, "pinLength", before.pinLength()),
                number(request, "pinMinimumLength", before.pinMinimumLength()),
                number(request, "roomFailures", before.roomFailures()),
                number(request, "roomWindowMinutes", before.roomWindowMinutes()),
                number(request, "roomBlockMinutes", before.roomBlockMinutes()),
                number(request, "addressAttempts", before.addressAttempts()),
                number(request, "addressWindowMinutes", before.addressWindowMinutes()),
                number(request, "addressBlockMinutes", before.addressBlockMinutes()),
                request.isNull("breakInAllowList") ? List.of() : request.optionalTextList("breakInAllowList",
                        JoinSettings.LONGEST_ALLOW_LIST, LONGEST_RANGE).orElse(before.breakInAllowList()),
                number(request, "lobbyMinutes", before.lobbyMinutes()),
                number(request, "minutesBeforeStart", before.minutesBeforeStart()),
                number(request, "minutesAfterEnd", before.minutesAfterEnd()),
                number(request, "tokenLifetimeSeconds", before.tokenLifetimeSeconds()),
                number(request, "participantLimit", before.participantLimit()));
        JsonObject shown;
        try {
            shown = AdminJson.joinSettings(settings.change(changed, current.actor()));
        } catch (JoinSettingRefused refused) {
            ApiProblem problem = ApiProblem.invalidField(refused.field(), refused.reason(), refused.getMessage());
            refused.details().forEach(problem::with);
            throw problem;
        }
        audit.changed(AuditEventType.ADMIN_JOIN_SETTINGS_CHANGE, AdminJson.joinSettings(before) + " -> " + shown);
        return shown.toString();
    }

    /** Any whole number here: the settings' own bounds decide, in one place, with a message naming the field. */
    private static int number(JsonRequest request, String field, int otherwise) {
        return request.optionalWholeNumber(field, Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(otherwise);
    }
}
