package io.vestibule.admin.api;

import java.util.LinkedHashSet;
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
import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.identity.roles.RoleMappingRepository;
import io.vestibule.identity.roles.RoleRefused;
import io.vestibule.identity.roles.RoleRepository;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/** Directory group → role mappings (R-ADM-4, seed 003 "LDAP group to role mapping"). */
@Path("/role-mappings")
@Produces(MediaType.APPLICATION_JSON)
public class RoleMappingsResource {
    @Inject
    RoleMappingRepository mappings;

    @Inject
    RoleRepository roles;

    @Inject
    AdminAudit audit;

    @Inject
    DutyGate duties;

    @Inject
    AdminProblems problems;

    @GET
    @RequiresPermission({Permission.VIEW_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public String list() {
        var array = JsonBuilders.array();
        mappings.all().forEach(mapping -> array.add(json(mapping)));
        return array.build().toString();
    }

    @GET
    @Path("{id}")
    @RequiresPermission({Permission.VIEW_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public String get(@PathParam("id") String id) {
        return json(existing(id)).toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission({Permission.CHANGE_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public Response create(JsonValue body) {
        RoleMapping mapping = parse(UUID.randomUUID(), body);
        duties.require(AuditEventType.ADMIN_ROLE_MAPPING_CREATE, describe(mapping),
                rule -> rule.checkMapping(Optional.empty(), List.of(), Optional.of(mapping), rolesOf(mapping)));
        mappings.save(mapping);
        audit.changed(AuditEventType.ADMIN_ROLE_MAPPING_CREATE, describe(mapping));
        return Response.status(201).entity(json(mapping).toString()).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission({Permission.CHANGE_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public String update(@PathParam("id") String id, JsonValue body) {
        RoleMapping before = existing(id);
        RoleMapping after = parse(before.id(), body);
        duties.require(AuditEventType.ADMIN_ROLE_MAPPING_UPDATE, describe(before),
                rule -> rule.checkMapping(Optional.of(before), rolesOf(before), Optional.of(after), rolesOf(after)));
        mappings.save(after);
        audit.changed(AuditEventType.ADMIN_ROLE_MAPPING_UPDATE, describe(before) + " -> " + describe(after));
        return json(after).toString();
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission({Permission.CHANGE_CONFIGURATION, Permission.MANAGE_AUDITORS})
    public Response delete(@PathParam("id") String id) {
        RoleMapping mapping = existing(id);
        duties.require(AuditEventType.ADMIN_ROLE_MAPPING_DELETE, describe(mapping),
                rule -> rule.checkMapping(Optional.of(mapping), rolesOf(mapping), Optional.empty(), List.of()));
        mappings.delete(mapping.id());
        audit.changed(AuditEventType.ADMIN_ROLE_MAPPING_DELETE, describe(mapping));
        return Response.noContent().build();
    }

    private RoleMapping parse(UUID id, JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("name", "groupDn", "roles"));
        Set<UUID> roleIds = new LinkedHashSet<>();
        for (String name : request.optionalTextList("roles", 20, Role.LONGEST_NAME).orElse(List.of())) {
            roleIds.add(roles.findByName(name).map(Role::id)
                    .orElseThrow(() -> ApiProblem.invalidField("roles", "unknown_role", "No role is called '" + name + "'.").with("value", name)));
        }
        try {
            return RoleMapping.of(id, request.requiredText("name", RoleMapping.LONGEST_NAME),
                    request.requiredText("groupDn", RoleMapping.LONGEST_GROUP_DN), roleIds);
        } catch (RoleRefused refused) {
            throw problems.of(refused);
        }
    }

    private RoleMapping existing(String id) {
        return Uuids.parse(id).flatMap(mappings::find).orElseThrow(ApiProblem::notFound);
    }

    private List<Role> rolesOf(RoleMapping mapping) {
        return roles.findAll(mapping.roleIds());
    }

    private jakarta.json.JsonObject json(RoleMapping mapping) {
        return AdminJson.mapping(mapping, rolesOf(mapping));
    }

    private String describe(RoleMapping mapping) {
        return mapping.name() + " [" + mapping.groupDn() + "] " + rolesOf(mapping).stream().map(Role::name).sorted().toList();
    }

}
