package io.vestibule.identity.session;

/** A new session refused because its owner, or the service, already holds the most sessions the policy allows. */
public class SessionLimitReached extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Scope {
        OWNER, SERVICE
    }

    private final Scope scope;
    private final int limit;

    public SessionLimitReached(Scope scope, int limit) {
        super(scope == Scope.OWNER ? "This account already has " + limit + " sessions" : "The service already has " + limit + " sessions",
                null, false, false);
        this.scope = scope;
        this.limit = limit;
    }

    public Scope scope() {
        return scope;
    }

    public int limit() {
        return limit;
    }
}
