package io.vestibule.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.TlsHandshakes;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTPS listener as a client of any kind meets it (R-TLS-1, R-TLS-2). The refused clients are built with
 * Bouncy Castle's TLS client ({@link TlsHandshakes}), which offers exactly what it is told to. The admin listener
 * shares this hardening (AdminListenerIT).
 */
@ExtendWith(ServerResolver.class)
class TlsIT {

    @Test
    void aClientOfferingOnlyTls11IsRefused(VestibuleServer server) {
        assertThatThrownBy(() -> handshake(server, ProtocolVersion.TLSv11, new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA}, NamedGroup.secp256r1))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aClientOfferingOnlyCbcSuitesIsRefused(VestibuleServer server) {
        assertThatThrownBy(() -> handshake(server, ProtocolVersion.TLSv12, new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA}, NamedGroup.secp256r1))
                .isInstanceOf(IOException.class);
    }

    @Test
    void staticRsaKeyExchangeAndChaChaAreRefused(VestibuleServer server) {
        assertThatThrownBy(() -> handshake(server, ProtocolVersion.TLSv12, new int[] {
                CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}, NamedGroup.secp256r1))
                .isInstanceOf(IOException.class);
    }

    @Test
    void curvesOutsideThePolicyAreRefused(VestibuleServer server) {
        assertThatThrownBy(() -> handshake(server, ProtocolVersion.TLSv12, new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, NamedGroup.x25519))
                .isInstanceOf(IOException.class);
    }

    /** A JDK client offering the worse suite first (R-TLS-1): each listener picks by its own order, the crypto policy's. */
    @Test
    void bothListenersChooseTheirPreferredSuiteOverTheClientsFirst(VestibuleServer server) throws IOException {
        for (int port : new int[] {server.httpsPort(), server.adminPort()}) {
            assertThat(negotiatedOffering(server, port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")).as("TLS 1.2 on port %d", port).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            assertThat(negotiatedOffering(server, port, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"))
                    .as("TLS 1.3 on port %d", port).isEqualTo("TLS_AES_256_GCM_SHA384");
        }
    }

    /**
     * Key exchange on P-256 or P-384 only (R-TLS-1): X25519 and ffdhe2048 are refused on both listeners, P-384 taken. In TLS 1.3,
     * where the group is chosen apart from the suite; the JDK 17 client cannot be told its groups per connection.
     */
    @Test
    void bothListenersAgreeOnP384AndRefuseX25519AndFfdhe2048(VestibuleServer server) throws IOException {
        int[] suites = {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384};
        for (int port : new int[] {server.httpsPort(), server.adminPort()}) {
            assertThat(TlsHandshakes.handshake(port, ProtocolVersion.TLSv13, suites, NamedGroup.secp384r1).cipherSuite())
                    .as("P-384 on port %d", port).isEqualTo(CipherSuite.TLS_AES_256_GCM_SHA384);
            for (int group : new int[] {NamedGroup.x25519, NamedGroup.ffdhe2048}) {
                assertThatThrownBy(() -> TlsHandshakes.handshake(port, ProtocolVersion.TLSv13, suites, group))
                        .as("%s on port %d", NamedGroup.getName(group), port).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void tls12WithEcdheAndAesGcmIsAccepted(VestibuleServer server) throws IOException {
        int negotiated = handshake(server, ProtocolVersion.TLSv12,
                new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, NamedGroup.secp256r1);

        assertThat(negotiated).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    }

    @Test
    void tls13IsNegotiatedByACurrentClient(VestibuleServer server) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.trustingServer().getSocketFactory().createSocket("localhost", server.httpsPort())) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(socket.getSession().getCipherSuite()).isIn("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
        }
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoPage(VestibuleServer server) throws IOException {
        try (Socket socket = new Socket("localhost", server.httpsPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer;
            try {
                answer = new String(in.readNBytes(200), StandardCharsets.ISO_8859_1);
            } catch (IOException closed) {
                answer = "";
            }
            assertThat(answer).doesNotContain("<html").doesNotContain("Vestibule");
        }
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders(VestibuleServer server) throws Exception {
        HttpResponse<String> page = server.http().send(java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        ApiResponse api = server.newClient().get("/api/v1/me");

        for (var headers : new java.net.http.HttpHeaders[] {page.headers(), api.headers()}) {
            assertThat(headers.firstValue("strict-transport-security")).hasValueSatisfying(hsts ->
                    assertThat(hsts).contains("max-age=31536000").doesNotContain("preload"));
            assertThat(headers.firstValue("content-security-policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
            assertThat(headers.firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(headers.firstValue("referrer-policy")).hasValue("same-origin");
            assertThat(headers.firstValue("x-frame-options")).hasValue("DENY");
            assertThat(headers.firstValue("server")).isEmpty();
            assertThat(headers.firstValue("x-powered-by")).isEmpty();
        }
        assertThat(api.header("cache-control")).isEqualTo("no-store");
    }

    /** The suite a JDK client offering exactly these suites, in this order, agrees on with the listener on {@code port}. */
    private static String negotiatedOffering(VestibuleServer server, int port, String protocol, String... suites) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.trustingServer().getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(suites);
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    /** A Bouncy Castle handshake offering only the given version, suites and group; returns the negotiated suite. */
    private static int handshake(VestibuleServer server, ProtocolVersion version, int[] suites, int group) throws IOException {
        return TlsHandshakes.handshake(server.httpsPort(), version, suites, group).cipherSuite();
    }
}
