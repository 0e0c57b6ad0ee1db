package io.vestibule.admin.api;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.audit.AuditEventType;
import io.vestibule.calendar.block.JoinBlock;
import io.vestibule.calendar.block.JoinBlockLanguage;
import io.vestibule.calendar.block.JoinBlockPreview;
import io.vestibule.calendar.block.JoinBlockTemplate;
import io.vestibule.calendar.block.JoinBlockTemplates;
import io.vestibule.calendar.block.Placeholder;
import io.vestibule.calendar.block.TemplateRefused;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;

/** The join-block templates of calendar events (R-CAL-2), per language: read, saved, reset and previewed. */
@Path("/join-block")
@Produces(MediaType.APPLICATION_JSON)
public class JoinBlockResource {
    private static final Set<String> TEMPLATE_FIELDS = Set.of("html", "text");
    private static final Set<String> PREVIEW_FIELDS = Set.of("html", "text", "subject");
    private static final int LONGEST_SUBJECT = 255;

    @Inject
    JoinBlockTemplates templates;

    @Inject
    JoinBlockPreview preview;

    @Inject
    JoinBlockJson json;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String get() {
        JsonArrayBuilder languages = Json.createArrayBuilder();
        templates.all().forEach(inForce -> languages.add(json.inForce(inForce)));
        JsonArrayBuilder placeholders = Json.createArrayBuilder();
        for (Placeholder placeholder : Placeholder.values()) {
            placeholders.add(Json.createObjectBuilder().add("name", placeholder.key()).add("written", placeholder.written())
                    .add("optional", placeholder.optional()));
        }
        return Json.createObjectBuilder().add("templates", languages).add("placeholders", placeholders).build().toString();
    }

    /** Both parts together; a template the allow-list refuses is not saved, and the answer names what was refused. */
    @PUT
    @Path("{language}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String change(@PathParam("language") String code, JsonValue body) {
        JoinBlockLanguage language = language(code);
        JoinBlockTemplate template = template(JsonRequest.of(body, TEMPLATE_FIELDS));
        JoinBlockTemplates.InForce before = templates.inForce(language);
        JoinBlockTemplates.InForce after;
        try {
            after = templates.change(language, template, current.actor());
        } catch (TemplateRefused refused) {
            throw problem(refused);
        }
        audit.changed(AuditEventType.ADMIN_JOIN_BLOCK_CHANGE, json.audited(before) + " -> " + json.audited(after));
        return json.inForce(after).toString();
    }

    @DELETE
    @Path("{language}")
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String reset(@PathParam("language") String code) {
        JoinBlockLanguage language = language(code);
        JoinBlockTemplates.InForce before = templates.inForce(language);
        JoinBlockTemplates.InForce after = templates.reset(language, current.actor());
        audit.changed(AuditEventType.ADMIN_JOIN_BLOCK_RESET, json.audited(before) + " -> " + json.audited(after));
        return json.inForce(after).toString();
    }

    /** Saves nothing: the posted template filled with sample values, or refused as a save would refuse it. */
    @POST
    @Path("{language}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission({Permission.VIEW_CONFIGURATION, Permission.CHANGE_CONFIGURATION})
    public String preview(@PathParam("language") String code, JsonValue body) {
        JoinBlockLanguage language = language(code);
        JsonRequest request = JsonRequest.of(body, PREVIEW_FIELDS);
        JoinBlockTemplate template = template(request);
        Optional<String> subject = request.optionalText("subject", LONGEST_SUBJECT);
        JoinBlock block;
        try {
            block = preview.preview(language, template, subject);
        } catch (TemplateRefused refused) {
            throw problem(refused);
        }
        return Json.createObjectBuilder().add("language", language.code()).add("html", block.html()).add("text", block.text())
                .build().toString();
    }

    private static JoinBlockLanguage language(String code) {
        return JoinBlockLanguage.byCode(code).orElseThrow(ApiProblem::notFound);
    }

    private static JoinBlockTemplate template(JsonRequest request) {
        return new JoinBlockTemplate(part(request, "html"), part(request, "text"));
    }

    private static String part(JsonRequest request, String field) {
        return request.optionalLines(field, JoinBlockTemplate.LONGEST)
                .orElseThrow(() -> ApiProblem.invalidField(field, "required", "'" + field + "' is required."));
    }

    private static ApiProblem problem(TemplateRefused refused) {
        return ApiProblem.invalidField(refused.part(), refused.reason().code(), refused.getMessage())
                .with("refused", refused.refused());
    }
}
