package io.vestibule.admin.api;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEventType;
import io.vestibule.calendar.integration.CalendarIntegration;
import io.vestibule.calendar.integration.CreatedIntegration;
import io.vestibule.platform.FieldRefused;
import io.vestibule.calendar.integration.Integrations;
import io.vestibule.calendar.integration.OrganizerDomains;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/**
 * Calendar integrations: calendar systems that book meetings through signed callbacks. The secret is in the answer
 * to the creation only; lists never hold it, and the audit log records the integration, never its secret.
 */
@Path("/integrations")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationsResource {
    private static final int LONGEST_DOMAIN = 253;

    @Inject
    Integrations integrations;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission({Permission.MANAGE_INTEGRATIONS, Permission.VIEW_CONFIGURATION})
    public String list() {
        JsonArrayBuilder array = JsonBuilders.array();
        integrations.all().forEach(integration -> array.add(json(integration)));
        return array.build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_INTEGRATIONS)
    public Response create(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("name", "organizerDomains"));
        String name = request.requiredText("name", CalendarIntegration.LONGEST_NAME);
        List<String> domains = request.optionalTextList("organizerDomains", OrganizerDomains.MOST_DOMAINS, LONGEST_DOMAIN).orElse(List.of());
        CreatedIntegration created;
        try {
            created = integrations.create(name, domains, current.actor());
        } catch (FieldRefused refused) {
            throw refusal(refused);
        } catch (Integrations.NameTaken taken) {
            throw new ApiProblem(409, "name_taken", taken.getMessage());
        }
        CalendarIntegration integration = created.integration();
        audit.changed(AuditEventType.ADMIN_INTEGRATION_CREATE, describe(integration));
        JsonObject answer = JsonBuilders.object(json(integration)).add("secret", created.secret().text()).build();
        return Response.status(201).entity(answer.toString()).build();
    }

    /** Revokes at once: the next callback signed with its secret is refused as {@code callback_signature_invalid}. */
    @DELETE
    @Path("{id}")
    @RequiresPermission(Permission.MANAGE_INTEGRATIONS)
    public Response delete(@PathParam("id") String id) {
        CalendarIntegration deleted = Uuids.parse(id).flatMap(integrations::delete).orElseThrow(ApiProblem::notFound);
        audit.changed(AuditEventType.ADMIN_INTEGRATION_DELETE, describe(deleted));
        return Response.noContent().build();
    }

    /** The pages' messages for {@code too_long} and {@code too_many} name the bound, as JsonRequest's refusals do. */
    private static ApiProblem refusal(FieldRefused refused) {
        ApiProblem problem = ApiProblem.invalidField(refused.field(), refused.reason(), refused.getMessage());
        if ("too_long".equals(refused.reason())) {
            problem.with("max", CalendarIntegration.LONGEST_NAME);
        } else if ("too_many".equals(refused.reason())) {
            problem.with("max", OrganizerDomains.MOST_DOMAINS);
        }
        return problem;
    }

    private static JsonObject json(CalendarIntegration integration) {
        JsonArrayBuilder domains = JsonBuilders.array();
        integration.organizerDomains().domains().forEach(domains::add);
        return JsonBuilders.object()
                .add("id", integration.id().toString())
                .add("name", integration.name())
                .add("organizerDomains", domains)
                .add("createdAt", integration.createdAt().toString())
                .add("createdBy", integration.createdBy())
                .build();
    }

    private static String describe(CalendarIntegration integration) {
        return integration.name() + " (" + integration.id() + ") for " + integration.organizerDomains().stored().replace(' ', ',');
    }
}
