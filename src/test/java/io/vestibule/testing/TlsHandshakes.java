package io.vestibule.testing;

import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Vector;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Handshakes with Bouncy Castle's TLS client, which offers exactly what it is told to, whatever the JDK's own
 * defaults: for checking what a listener refuses, what it negotiates, and whether it asks for a client certificate.
 */
public final class TlsHandshakes {
    /** What one completed handshake negotiated, and whether the server asked for a certificate (none was sent). */
    public record Outcome(int cipherSuite, boolean certificateRequested) {
    }

    private TlsHandshakes() {
    }

    /** A handshake offering only this version, these suites and this group; throws when the server refuses. */
    public static Outcome handshake(int port, ProtocolVersion version, int[] suites, int group) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10000);
            TlsClientProtocol protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            int[] negotiated = {-1};
            boolean[] requested = {false};
            DefaultTlsClient client = new DefaultTlsClient(new BcTlsCrypto(new SecureRandom())) {
                @Override
                protected ProtocolVersion[] getSupportedVersions() {
                    return version.only();
                }

                @Override
                protected int[] getSupportedCipherSuites() {
                    return suites;
                }

                @Override
                protected Vector<Integer> getSupportedGroups(Vector namedGroupRoles) {
                    Vector<Integer> groups = new Vector<>();
                    groups.add(group);
                    return groups;
                }

                @Override
                public TlsAuthentication getAuthentication() {
                    return new TlsAuthentication() {
                        @Override
                        public void notifyServerCertificate(TlsServerCertificate certificate) {
                            // Only what is offered and negotiated matters here, not whom we talk to.
                        }

                        @Override
                        public TlsCredentials getClientCredentials(CertificateRequest request) {
                            requested[0] = true;
                            return null;
                        }
                    };
                }

                @Override
                public void notifySelectedCipherSuite(int selectedCipherSuite) {
                    super.notifySelectedCipherSuite(selectedCipherSuite);
                    negotiated[0] = selectedCipherSuite;
                }
            };
            protocol.connect(client);
            protocol.close();
            return new Outcome(negotiated[0], requested[0]);
        }
    }
}
