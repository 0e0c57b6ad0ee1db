package io.vestibule.admin.api;

import java.util.ArrayList;
import java.util.Arrays;
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
import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.local.AccountRefused;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.LocalAccounts;
import io.vestibule.identity.roles.AdministratorRoles;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleRepository;
import io.vestibule.identity.session.Sessions;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/** Local administrator accounts (API.md "Admin": users). */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
    private static final Set<String> FIELDS = Set.of("username", "password", "roles", "certificateOnly");

    @Inject
    LocalAccounts accounts;

    @Inject
    AdministratorRoles administratorRoles;

    @Inject
    RoleRepository roles;

    @Inject
    Sessions<AdminPrincipal> sessions;

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
        accounts.all().forEach(account -> array.add(json(account)));
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
    @RequiresPermission({Permission.MANAGE_ACCOUNTS, Permission.MANAGE_AUDITORS})
    public Response create(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, FIELDS);
        String username = request.requiredText("username", LocalAccount.LONGEST_USERNAME);
        boolean certificateOnly = request.optionalFlag("certificateOnly").orElse(false);
        Optional<char[]> password = request.optionalSecret("password", 1024);
        try {
            if (certificateOnly && password.isPresent()) {
                throw ApiProblem.invalidField("password", "certificate_only", "A certificate-only account has no password.");
            }
            Set<UUID> roleIds = roleIds(request.optionalTextList("roles", 20, 100).orElse(List.of()));
            duties.require(AuditEventType.ADMIN_ACCOUNT_CREATE, username,
                    rule -> rule.checkAccount(Optional.empty(), List.of(), roles.findAll(roleIds)));
            LocalAccount created = accounts.create(username, password, roleIds, certificateOnly, false);
            audit.changed(AuditEventType.ADMIN_ACCOUNT_CREATE, created.username() + " roles=" + roleNames(roleIds) + (certificateOnly ? " certificate-only" : ""));
            return Response.status(201).entity(json(created).toString()).build();
        } catch (AccountRefused refused) {
            throw problems.of(refused);
        } finally {
            password.ifPresent(secret -> Arrays.fill(secret, '\0'));
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission({Permission.MANAGE_ACCOUNTS, Permission.MANAGE_AUDITORS})
    public String update(@PathParam("id") String id, JsonValue body) {
        LocalAccount account = existing(id);
        JsonRequest request = JsonRequest.of(body, FIELDS);
        if (request.has("username") && !request.optionalText("username", 256).map(account.username()::equals).orElse(false)) {
            throw ApiProblem.invalidField("username", "username_fixed", "A user name cannot be changed; create another account instead.");
        }
        Optional<char[]> password = request.optionalSecret("password", 1024);
        List<String> changes = new ArrayList<>();
        try {
            Optional<Set<UUID>> roleIds = request.optionalTextList("roles", 20, 100).map(this::roleIds);
            duties.require(AuditEventType.ADMIN_ACCOUNT_UPDATE, account.username(), rule -> rule.checkAccount(Optional.of(account.id()),
                    roles.findAll(account.roleIds()), roles.findAll(roleIds.orElse(account.roleIds()))));
            boolean makeCertificateOnly = request.optionalFlag("certificateOnly").orElse(false) && !account.certificateOnly();
            if (makeCertificateOnly && password.isPresent()) {
                throw ApiProblem.invalidField("password", "certificate_only", "A certificate-only account has no password.");
            }
            accounts.update(account.id(), roleIds, makeCertificateOnly, password);
            roleIds.ifPresent(ids -> changes.add("roles " + roleNames(account.roleIds()) + " -> " + roleNames(ids)));
            if (makeCertificateOnly) {
                changes.add("now certificate-only");
            }
            password.ifPresent(secret -> changes.add("password reset (must be changed at next sign-in)"));
            if (!changes.isEmpty()) {
                // A reset password or a removed password ends the account's sessions; role changes apply at once anyway.
                if (password.isPresent() || makeCertificateOnly) {
                    sessions.endAllOf(AdminPrincipal.local(account.id(), account.username()).owner());
                }
                audit.changed(AuditEventType.ADMIN_ACCOUNT_UPDATE, account.username() + ": " + String.join("; ", changes));
            }
            return json(existing(id)).toString();
        } catch (AccountRefused refused) {
            throw problems.of(refused);
        } finally {
            password.ifPresent(secret -> Arrays.fill(secret, '\0'));
        }
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission({Permission.MANAGE_ACCOUNTS, Permission.MANAGE_AUDITORS})
    public Response delete(@PathParam("id") String id) {
        LocalAccount account = existing(id);
        duties.require(AuditEventType.ADMIN_ACCOUNT_DELETE, account.username(),
                rule -> rule.checkAccount(Optional.of(account.id()), roles.findAll(account.roleIds()), List.of()));
        try {
            accounts.delete(account.id());
        } catch (AccountRefused refused) {
            throw problems.of(refused);
        }
        sessions.endAllOf(AdminPrincipal.local(account.id(), account.username()).owner());
        audit.changed(AuditEventType.ADMIN_ACCOUNT_DELETE, account.username());
        return Response.noContent().build();
    }

    private LocalAccount existing(String id) {
        return Uuids.parse(id).flatMap(accounts::find).orElseThrow(ApiProblem::notFound);
    }

    private Set<UUID> roleIds(List<String> names) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (String name : names) {
            ids.add(roles.findByName(name).map(Role::id)
                    .orElseThrow(() -> ApiProblem.invalidField("roles", "unknown_role", "No role is called '" + name + "'.").with("value", name)));
        }
        return ids;
    }

    private List<String> roleNames(Set<UUID> ids) {
        return roles.findAll(ids).stream().map(Role::name).sorted().toList();
    }

    private jakarta.json.JsonObject json(LocalAccount account) {
        return AdminJson.account(account, administratorRoles.of(account), accounts.passwordExpiresAt(account).map(Object::toString));
    }

}
