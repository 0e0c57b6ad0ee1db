package io.vestibule.identity.ldap;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The admin console's "test connection" (seed 003): connects, protects the connection, binds as the service
 * account and reads the user base, and says which step failed. It never reports the password, and never sends it
 * before the connection is protected.
 */
public final class DirectoryCheck {
    public enum Stage {
        CONNECT, TLS, BIND, SEARCH
    }

    public record Outcome(boolean ok, Stage stage, String message) {
        /** The server could not be reached or the connection not protected; a refused bind or search reached it. */
        public boolean unreachable() {
            return !ok && (stage == Stage.CONNECT || stage == Stage.TLS);
        }
    }

    private DirectoryCheck() {
    }

    public static Outcome run(DirectorySettings settings, CryptoPolicy policy) {
        return run(settings, policy, List::of);
    }

    /** Checks with the trust store's CAs trusted besides the settings' trust anchors, as the directory will. */
    public static Outcome run(DirectorySettings settings, CryptoPolicy policy, Supplier<List<X509Certificate>> caStore) {
        SSLContext tls = LdapDirectory.tlsContext(settings, policy, caStore);
        LDAPConnection connection;
        try {
            connection = settings.transport() == DirectorySettings.Transport.LDAPS
                    ? new LDAPConnection(tls.getSocketFactory(), LdapDirectory.connectionOptions(settings), settings.host(), settings.port())
                    : new LDAPConnection(LdapDirectory.connectionOptions(settings), settings.host(), settings.port());
        } catch (LDAPException e) {
            return tlsFailure(e)
                    ? new Outcome(false, Stage.TLS, "TLS with " + settings.url() + " failed: " + reason(e))
                    : new Outcome(false, Stage.CONNECT, "Cannot connect to " + settings.url() + ": " + reason(e));
        }
        try (connection) {
            if (settings.transport() == DirectorySettings.Transport.START_TLS) {
                try {
                    ExtendedResult started = connection.processExtendedOperation(new StartTLSExtendedRequest(tls));
                    if (started.getResultCode() != ResultCode.SUCCESS) {
                        return new Outcome(false, Stage.TLS, "The server refused StartTLS: " + started.getResultCode().getName());
                    }
                } catch (LDAPException e) {
                    return new Outcome(false, Stage.TLS, "StartTLS failed: " + reason(e));
                }
            }
            try {
                connection.bind(settings.bindDn(), new String(settings.bindPassword()));
            } catch (LDAPException e) {
                return new Outcome(false, Stage.BIND, "The service account " + settings.bindDn() + " cannot bind: " + e.getResultCode().getName());
            }
            try {
                if (connection.getEntry(settings.userBaseDn(), "1.1") == null) {
                    return new Outcome(false, Stage.SEARCH, "The user base " + settings.userBaseDn() + " does not exist or is not readable.");
                }
            } catch (LDAPException e) {
                return new Outcome(false, Stage.SEARCH, "Cannot read the user base " + settings.userBaseDn() + ": " + e.getResultCode().getName());
            }
            String protection = settings.transport() == DirectorySettings.Transport.PLAINTEXT ? "without TLS (insecure transport allowed)"
                    : "over " + (settings.transport() == DirectorySettings.Transport.LDAPS ? "LDAPS" : "StartTLS");
            return new Outcome(true, Stage.SEARCH, "Connected to " + settings.url() + " " + protection + ", bound as "
                    + settings.bindDn() + " and read " + settings.userBaseDn() + ".");
        }
    }

    private static boolean tlsFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    static String reason(LDAPException e) {
        String message = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getResultCode().getName();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
