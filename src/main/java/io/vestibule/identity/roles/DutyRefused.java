package io.vestibule.identity.roles;

/** An act on a principal or a grant that separation of duties forbids (R-ADM-4), with the reason an administrator is told. */
public class DutyRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The actor's own account, a role the actor holds, or a mapping of a group the actor belongs to. */
        OWN_GRANTS,
        /** The target holds, or would hold, a permission the actor does not. */
        PERMISSION_NOT_HELD
    }

    private final Reason reason;

    DutyRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
