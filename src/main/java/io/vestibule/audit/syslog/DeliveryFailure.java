package io.vestibule.audit.syslog;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;

import javax.net.ssl.SSLException;

/** Why a syslog server could not be reached or was refused, named once so the alarm, the log and the console agree. */
public final class DeliveryFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Name unknown, connection refused or timed out: nothing listens, or a firewall drops it. */
        UNREACHABLE(false),
        /** The connection was made and later lost (the server stopped or closed it). */
        CONNECTION_LOST(false),
        /** The server's certificate does not lead to a trusted certificate (or is expired, or too weak). */
        CERTIFICATE_NOT_TRUSTED(true),
        /** The certificate is trusted but does not carry the name the server was configured with. */
        NAME_MISMATCH(true),
        /** The TLS handshake failed otherwise: no protocol version or cipher suite in common, or an alert. */
        TLS_REFUSED(true);

        private final boolean refusal;

        Reason(boolean refusal) {
            this.refusal = refusal;
        }

        /** True when the server answered but this service refused it (or it refused us): retrying will not help. */
        public boolean refusal() {
            return refusal;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public DeliveryFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Names the reason of an I/O failure while connecting to, or writing to, {@code server}. */
    public static DeliveryFailure of(IOException failure, SyslogServer server, boolean connected) {
        String where = server.host() + ":" + server.port();
        if (failure instanceof UnknownHostException) {
            return new DeliveryFailure(Reason.UNREACHABLE, "the host " + server.host() + " is not known (DNS)", failure);
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return new DeliveryFailure(Reason.UNREACHABLE, "nothing accepts connections at " + where + " (" + failure.getMessage() + ")", failure);
        }
        if (failure instanceof SocketTimeoutException && !connected) {
            return new DeliveryFailure(Reason.UNREACHABLE, "no answer from " + where + " in time", failure);
        }
        if (failure instanceof SSLException && !connected) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                String text = String.valueOf(cause.getMessage());
                if (cause instanceof CertificateException && (text.contains("No subject alternative") || text.contains("No name matching"))) {
                    return new DeliveryFailure(Reason.NAME_MISMATCH, "the certificate of " + where + " does not name "
                            + server.verifiedName() + " (" + text + ")", failure);
                }
                if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                    return new DeliveryFailure(Reason.CERTIFICATE_NOT_TRUSTED, "the certificate of " + where
                            + " is not trusted: " + text, failure);
                }
            }
            return new DeliveryFailure(Reason.TLS_REFUSED, "the TLS handshake with " + where + " failed: " + failure.getMessage(), failure);
        }
        return new DeliveryFailure(connected ? Reason.CONNECTION_LOST : Reason.UNREACHABLE,
                (connected ? "the connection to " : "cannot connect to ") + where + " failed: " + failure.getMessage(), failure);
    }
}
