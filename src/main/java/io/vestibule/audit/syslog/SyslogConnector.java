package io.vestibule.audit.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.vestibule.crypto.CryptoPolicy;

/**
 * TLS connections to syslog servers (RFC 5425): the policy's protocols (TLS 1.2 and 1.3) and cipher suites, the
 * server's certificate verified against {@link SyslogTrust} and its name as HTTPS clients check it (RFC 6125; RFC 5425
 * §5.2 asks for the same), the configured name sent as SNI.
 */
public final class SyslogConnector {
    private final SyslogTrust trust;
    private final CryptoPolicy policy;
    private final Duration timeout;

    public SyslogConnector(SyslogTrust trust, CryptoPolicy policy, Duration timeout) {
        this.trust = trust;
        this.policy = policy;
        this.timeout = timeout;
    }

    /** A connection whose handshake has completed; reads time out after the timeout. */
    public SSLSocket connect(SyslogServer server) throws DeliveryFailure {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, trust.trustManagers(), policy.sharedSecureRandom());
        } catch (GeneralSecurityException | IOException e) {
            throw new DeliveryFailure(DeliveryFailure.Reason.CERTIFICATE_NOT_TRUSTED, "the trusted certificates ("
                    + trust.describe() + ") cannot be read: " + e.getMessage(), e);
        }
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(server.address(), server.port()), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            plain.setKeepAlive(true);
            plain.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(plain);
            throw DeliveryFailure.of(e, server, false);
        }
        SSLSocket socket = null;
        try {
            socket = (SSLSocket) context.getSocketFactory().createSocket(plain, server.verifiedName(), server.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(supported(policy.tlsProtocols(), socket.getSupportedProtocols()));
            parameters.setCipherSuites(supported(policy.tlsCipherSuites(), socket.getSupportedCipherSuites()));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!server.verifiedName().contains("*") && !server.verifiedName().matches("[0-9.]+|.*:.*")) {
                parameters.setServerNames(List.of(new SNIHostName(server.verifiedName())));
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(socket == null ? plain : socket);
            throw e instanceof IOException io ? DeliveryFailure.of(io, server, false)
                    : new DeliveryFailure(DeliveryFailure.Reason.TLS_REFUSED, e.getMessage(), e);
        }
    }

    /** Connects, sends one framed message and closes: the console's "send test message". */
    public void sendOnce(SyslogServer server, byte[] message) throws DeliveryFailure {
        SSLSocket socket = connect(server);
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(OctetCounting.frame(message));
            out.flush();
        } catch (IOException e) {
            throw DeliveryFailure.of(e, server, true);
        }
    }

    private static String[] supported(List<String> wanted, String[] supported) {
        List<String> available = List.of(supported);
        return wanted.stream().filter(available::contains).toArray(String[]::new);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a connection already failed: nothing more to learn
        }
    }
}
