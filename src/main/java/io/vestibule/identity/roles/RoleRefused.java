package io.vestibule.identity.roles;

/** A role, role mapping or role assignment that cannot be saved as asked, with the reason an administrator is told. */
public class RoleRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        INVALID_NAME, NO_PERMISSIONS, AUDITOR_ONLY_PERMISSION, BUILT_IN, NAME_TAKEN, IN_USE, UNKNOWN_ROLE, INVALID_GROUP_DN, NO_ROLES
    }

    private final Reason reason;

    public RoleRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
