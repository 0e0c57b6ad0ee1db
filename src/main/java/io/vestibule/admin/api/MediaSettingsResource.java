package io.vestibule.admin.api;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEventType;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.roles.Permission;
import io.vestibule.media.gateway.settings.MediaAdminSettings;
import io.vestibule.media.gateway.settings.MediaAdminSettingsService;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;

/** The media gateway's settings that apply while it runs: whether AES-CM stays on the SRTP allow-list. */
@Path("/media-settings")
@Produces(MediaType.APPLICATION_JSON)
public class MediaSettingsResource {
    @Inject
    MediaAdminSettingsService settings;

    @Inject
    CryptoPolicy policy;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String get() {
        return AdminJson.mediaSettings(settings.current(), policy).toString();
    }

    /** Fields left out keep their value. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String change(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("allowAesCm"));
        MediaAdminSettings before = settings.current();
        boolean allowAesCm = request.optionalFlag("allowAesCm").orElse(before.allowAesCm());
        if (allowAesCm && !before.allowAesCm() && policy.fipsMode()) {
            throw new ApiProblem(Response.Status.CONFLICT, "aes_cm_not_in_fips_mode",
                    "FIPS mode offers AES-GCM SRTP only: AES-CM cannot be turned on.");
        }
        MediaAdminSettings after = settings.change(new MediaAdminSettings(allowAesCm), current.actor());
        String shown = AdminJson.mediaSettings(after, policy).toString();
        audit.changed(AuditEventType.ADMIN_MEDIA_SETTINGS_CHANGE, AdminJson.mediaSettings(before, policy) + " -> " + shown);
        return shown;
    }
}
