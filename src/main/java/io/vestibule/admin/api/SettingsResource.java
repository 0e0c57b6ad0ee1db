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

import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.cert.CertificateLoginMode;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.settings.AdminSettings;
import io.vestibule.identity.settings.AdminSettingsService;
import io.vestibule.identity.settings.AuthenticationSource;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;

/** Administrator authentication settings: source, client certificates, banner, idle timeout. */
@Path("/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    @Inject
    AdminSettingsService settings;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String get() {
        return AdminJson.settings(settings.current()).toString();
    }

    /** Fields left out keep their value. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String change(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("authenticationSource", "clientCertificate", "banner", "sessionIdleMinutes"));
        AdminSettings before = settings.current();
        AuthenticationSource source = request.optionalText("authenticationSource", 40)
                .map(name -> AuthenticationSource.fromApiName(name).orElseThrow(() -> ApiProblem.invalidField("authenticationSource", "not_allowed",
                        "'authenticationSource' is local, ldap or ldap_and_local.")))
                .orElse(before.authenticationSource());
        CertificateLoginMode certificate = request.optionalText("clientCertificate", 40)
                .map(name -> CertificateLoginMode.fromApiName(name).orElseThrow(() -> ApiProblem.invalidField("clientCertificate", "not_allowed",
                        "'clientCertificate' is not_required, subject_cn or subject_alt_name_upn.")))
                .orElse(before.clientCertificate());
        String banner = request.optionalLines("banner", AdminSettings.LONGEST_BANNER).orElse(before.banner());
        int idle = request.optionalWholeNumber("sessionIdleMinutes", 1, AdminSettings.LONGEST_IDLE_MINUTES).orElse(before.sessionIdleMinutes());
        AdminSettings after = settings.change(new AdminSettings(source, certificate, banner, idle), current.actor());
        String shown = AdminJson.settings(after).toString();
        audit.changed(AuditEventType.ADMIN_SETTINGS_CHANGE, AdminJson.settings(before) + " -> " + shown);
        return shown;
    }
}
