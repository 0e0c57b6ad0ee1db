package io.vestibule.admin.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.roles.Permission;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.session.Session;

/** The administrator of the current admin request, set by {@link AdminAuthorization}. */
@RequestScoped
public class CurrentAdministrator {
    private Session<AdminPrincipal> session;
    private List<Role> roles;
    private Set<Permission> permissions;
    private InetAddress source;

    void signedIn(Session<AdminPrincipal> session, List<Role> roles, Set<Permission> permissions) {
        this.session = session;
        this.roles = List.copyOf(roles);
        this.permissions = Set.copyOf(permissions);
    }

    void from(InetAddress address) {
        this.source = address;
    }

    public AdminPrincipal principal() {
        return session().principal();
    }

    public Session<AdminPrincipal> session() {
        if (session == null) {
            throw new IllegalStateException("No administrator on this request; does the endpoint need a permission?");
        }
        return session;
    }

    public boolean signedIn() {
        return session != null;
    }

    public List<Role> roles() {
        return roles;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Where the request comes from, as the trusted-proxy rule reads it. */
    public InetAddress source() {
        return source;
    }

    /** Who to name in the audit log. */
    public String actor() {
        return signedIn() ? principal().username() + " (" + principal().source().apiName() + ")" : "anonymous";
    }
}
