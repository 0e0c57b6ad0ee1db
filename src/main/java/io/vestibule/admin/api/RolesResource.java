package io.vestibule.admin.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEventType;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleRefused;
import io.vestibule.identity.roles.RoleRepository;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/** Roles and the permissions they hold (R-ADM-4); built-in roles are shown but never changed. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {
    @Inject
    RoleRepository roles;

    @Inject
    AdminAudit audit;

    @Inject
    DutyGate duties;

    @Inject
    AdminProblems problems;

    @GET
    @Path("permissions")
    @RequiresPermission({Permission.VIEW_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public String permissions() {
        var array = JsonBuilders.array();
        for (Permission permission : Permission.values()) {
            array.add(JsonBuilders.object().add("name", permission.apiName()).add("description", permission.description())
                    .add("auditorOnly", permission.auditorOnly()));
        }
        return array.build().toString();
    }

    @GET
    @Path("roles")
    @RequiresPermission({Permission.VIEW_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public String list() {
        var array = JsonBuilders.array();
        roles.all().forEach(role -> array.add(AdminJson.role(role)));
        return array.build().toString();
    }

    @GET
    @Path("roles/{id}")
    @RequiresPermission({Permission.VIEW_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public String get(@PathParam("id") String id) {
        return AdminJson.role(existing(id)).toString();
    }

    @POST
    @Path("roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_ACCOUNTS)
    public Response create(JsonValue body) {
        Role role = parse(UUID.randomUUID(), body);
        duties.require(AuditEventType.ADMIN_ROLE_CREATE, role.name(), rule -> rule.checkRole(Optional.empty(), Optional.of(role)));
        save(role);
        audit.changed(AuditEventType.ADMIN_ROLE_CREATE, role.name() + " " + names(role.permissions()));
        return Response.status(201).entity(AdminJson.role(role).toString()).build();
    }

    @PUT
    @Path("roles/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_ACCOUNTS)
    public String update(@PathParam("id") String id, JsonValue body) {
        Role before = existing(id);
        if (before.builtIn()) {
            throw problems.of(new RoleRefused(RoleRefused.Reason.BUILT_IN, "Built-in roles cannot be changed."));
        }
        Role after = parse(before.id(), body);
        duties.require(AuditEventType.ADMIN_ROLE_UPDATE, before.name(), rule -> rule.checkRole(Optional.of(before), Optional.of(after)));
        save(after);
        audit.changed(AuditEventType.ADMIN_ROLE_UPDATE, before.name() + " " + names(before.permissions()) + " -> " + after.name() + " " + names(after.permissions()));
        return AdminJson.role(after).toString();
    }

    @DELETE
    @Path("roles/{id}")
    @RequiresPermission(Permission.MANAGE_ACCOUNTS)
    public Response delete(@PathParam("id") String id) {
        Role role = existing(id);
        duties.require(AuditEventType.ADMIN_ROLE_DELETE, role.name(), rule -> rule.checkRole(Optional.of(role), Optional.empty()));
        try {
            roles.delete(role.id());
        } catch (RoleRefused refused) {
            throw problems.of(refused);
        }
        audit.changed(AuditEventType.ADMIN_ROLE_DELETE, role.name());
        return Response.noContent().build();
    }

    private Role parse(UUID id, JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("name", "permissions"));
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String name : request.optionalTextList("permissions", Permission.values().length, 60).orElse(List.of())) {
            granted.add(Permission.fromApiName(name).orElseThrow(() -> ApiProblem.invalidField("permissions", "unknown_permission", "No permission is called '" + name + "'.").with("value", name)));
        }
        try {
            return Role.custom(id, request.requiredText("name", Role.LONGEST_NAME), granted);
        } catch (RoleRefused refused) {
            throw problems.of(refused);
        }
    }

    private void save(Role role) {
        try {
            roles.save(role);
        } catch (RoleRefused refused) {
            throw problems.of(refused);
        }
    }

    private Role existing(String id) {
        return Uuids.parse(id).flatMap(roles::find).orElseThrow(ApiProblem::notFound);
    }

    private static List<String> names(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::apiName).toList();
    }

}
