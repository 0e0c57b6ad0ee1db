package io.vestibule.admin.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.unboundid.ldap.sdk.LDAPException;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.DirectoryService;
import io.vestibule.identity.ldap.DirectoryCheck;
import io.vestibule.identity.ldap.DirectorySettings;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/** The directory administrators (and portal users) sign in against (R-ADM-3), and its "test connection". */
@Path("/ldap")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {
    private static final Set<String> FIELDS = Set.of("url", "transport", "allowInsecureTransport", "bindDn", "bindPassword",
            "userBaseDn", "userNameAttribute", "userObjectClass");

    @Inject
    DirectoryService directories;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String get() {
        return directories.settings().map(DirectoryResource::json)
                .orElseGet(() -> JsonBuilders.object().add("configured", false).build()).toString();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String change(JsonValue body) {
        Optional<DirectorySettings> before = directories.settings();
        DirectorySettings after = parse(body);
        try {
            directories.reconfigure(after, current.actor());
        } catch (LDAPException e) {
            throw ApiProblem.invalidField("url", "directory_refused", "These directory settings cannot be used: " + e.getResultCode().getName())
                    .with("value", e.getResultCode().getName());
        }
        audit.changed(AuditEventType.ADMIN_LDAP_CHANGE, before.map(DirectoryResource::json).map(Object::toString).orElse("none") + " -> " + json(after));
        return json(after).toString();
    }

    /** Tests the settings in the body (unsaved ones, before saving them), or those in force when there is no body. */
    @POST
    @Path("test")
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String test(JsonValue body) {
        DirectorySettings settings = body == null || body.getValueType() == JsonValue.ValueType.NULL
                || body instanceof JsonObject object && object.isEmpty()
                ? directories.settings().orElseThrow(() -> new ApiProblem(409, "not_configured", "No directory is configured yet."))
                : parse(body);
        DirectoryCheck.Outcome outcome = directories.test(settings);
        audit.record(AuditEventType.ADMIN_LDAP_TEST, current.actor(), outcome.ok() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE, settings.url() + ": " + outcome.message());
        return JsonBuilders.object()
                .add("ok", outcome.ok())
                .add("stage", outcome.stage().name().toLowerCase(java.util.Locale.ROOT))
                .add("message", outcome.message())
                .build().toString();
    }

    /** Fields left out keep the value in force; the password is kept unless a new one is given. */
    private DirectorySettings parse(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, FIELDS);
        Optional<DirectorySettings> inForce = directories.settings();
        Optional<DirectorySettings> baseline = directories.baseline();
        String url = request.optionalText("url", 500).or(() -> inForce.map(s -> s.url().toString()))
                .orElseThrow(() -> ApiProblem.invalidField("url", "required", "'url' is required, such as ldap://dc1.example.org:389."));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("url", "not_url", "'url' is not a URL.");
        }
        Optional<char[]> newPassword = request.optionalSecret("bindPassword", 1024);
        char[] password = newPassword.or(() -> inForce.map(DirectorySettings::bindPassword))
                .orElseThrow(() -> ApiProblem.invalidField("bindPassword", "required", "'bindPassword' is required."));
        try {
            DirectorySettings.Transport transport = request.optionalText("transport", 20).map(DirectorySettings.Transport::parse)
                    .orElseGet(() -> "ldaps".equalsIgnoreCase(uri.getScheme()) ? DirectorySettings.Transport.LDAPS : DirectorySettings.Transport.START_TLS);
            DirectorySettings parsed = new DirectorySettings(uri, transport,
                    request.optionalFlag("allowInsecureTransport").orElse(false),
                    text(request, "bindDn", inForce.map(DirectorySettings::bindDn)),
                    Arrays.copyOf(password, password.length),
                    text(request, "userBaseDn", inForce.map(DirectorySettings::userBaseDn)),
                    request.optionalText("userNameAttribute", 100).or(() -> inForce.map(DirectorySettings::userNameAttribute)).orElse("sAMAccountName"),
                    request.optionalText("userObjectClass", 100).or(() -> inForce.map(DirectorySettings::userObjectClass)).orElse("user"),
                    baseline.map(DirectorySettings::trustAnchors).orElse(List.of()),
                    baseline.flatMap(DirectorySettings::portalGroupDn),
                    baseline.map(DirectorySettings::connectTimeoutMillis).orElse(3000),
                    baseline.map(DirectorySettings::responseTimeoutMillis).orElse(5000));
            if (newPassword.isEmpty() && !parsed.mayBeSentBindPasswordOf(inForce.orElseThrow())) {
                Arrays.fill(parsed.bindPassword(), '\0');
                throw new ApiProblem(400, "password_required", "The saved bind password goes only to the server it was saved with,"
                        + " over the same transport; type it again to use another server, port or transport.").with("field", "bindPassword");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().contains("ransport") || e.getMessage().contains("laintext") ? "transport" : "url";
            throw ApiProblem.invalidField(field, "directory_settings", e.getMessage());
        } finally {
            newPassword.ifPresent(secret -> Arrays.fill(secret, '\0'));
        }
    }

    private static String text(JsonRequest request, String field, Optional<String> inForce) {
        return request.optionalText(field, 1000).or(() -> inForce)
                .orElseThrow(() -> ApiProblem.invalidField(field, "required", "'" + field + "' is required."));
    }

    private static JsonObject json(DirectorySettings settings) {
        return JsonBuilders.object()
                .add("configured", true)
                .add("url", settings.url().toString())
                .add("transport", switch (settings.transport()) {
                    case START_TLS -> "starttls";
                    case LDAPS -> "ldaps";
                    case PLAINTEXT -> "none";
                })
                .add("allowInsecureTransport", settings.allowInsecureTransport())
                .add("bindDn", settings.bindDn())
                .add("bindPasswordSet", settings.bindPassword().length > 0)
                .add("userBaseDn", settings.userBaseDn())
                .add("userNameAttribute", settings.userNameAttribute())
                .add("userObjectClass", settings.userObjectClass())
                .build();
    }
}
