package io.vestibule.identity.cert;

/**
 * What the revocation sources say of a client certificate and the CA certificates above it. The descriptions name the
 * source and its answer for the audit log; they hold nothing secret.
 */
public sealed interface RevocationStatus {

    /** Every certificate checked is known not to be revoked. */
    record Good() implements RevocationStatus {
    }

    /** A certificate is revoked (or on hold): always refused. */
    record Revoked(String description) implements RevocationStatus {
    }

    /** No source could say: none reachable, none current, or none named. */
    record Unknown(String description) implements RevocationStatus {
    }
}
