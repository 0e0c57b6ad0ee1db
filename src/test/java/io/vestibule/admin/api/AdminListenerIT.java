package io.vestibule.admin.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.OnAdminClientCa;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.Servers;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.TlsHandshakes;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin console's own HTTPS listener (R-ADM-1) and its optional client certificates (R-ADM-5), from outside:
 * what each port serves, the TLS hardening the admin listener shares with the portal's, and the handshake with and
 * without a certificate.
 */
@ExtendWith(ServerResolver.class)
class AdminListenerIT {

    @Test
    void theBannerIsServedOnTheAdminPort(VestibuleServer server) {
        ApiResponse banner = server.adminClient().get("/admin/api/v1/banner");

        assertThat(banner.status()).as(banner.toString()).isEqualTo(200);
        assertThat(banner.json().getString("banner")).startsWith("Authorised use only.");
        assertThat(banner.header("cache-control")).isEqualTo("no-store");
        assertThat(banner.header("strict-transport-security")).contains("max-age=31536000");
    }

    @Test
    void theConsolePageIsServedOnTheAdminPortAndItsBareNameRedirectsToIt(VestibuleServer server) {
        ApiResponse page = server.adminClient().get("/admin/");
        ApiResponse bare = server.adminClient().get("/admin");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Vestibule administration");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(URI.create(server.adminBaseUri() + "admin").resolve(bare.header("location")).getPath()).isEqualTo("/admin/");
    }

    @Test
    void theMetricsAreServedOnTheAdminPortOnly(VestibuleServer server) throws Exception {
        HttpResponse<String> admin = raw(server, server.adminBaseUri(), "/metrics");
        HttpResponse<String> portal = raw(server, server.baseUri(), "/metrics");

        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("vestibule_participants_active").contains("vestibule_media_participants")
                .containsPattern("vestibule_media_packets_dropped\\{[^}]*reason=\"foreign_ssrc\"")
                .containsPattern("vestibule_media_dtls_failures\\{[^}]*reason=\"fingerprint_mismatch\"");
        assertThat(portal.statusCode()).isEqualTo(404);
        assertThat(portal.body()).contains("This page does not exist.").doesNotContain("vestibule_");
    }

    /** Penetration test, finding 8: the container's own folder redirects skipped the filters and echoed the Host header. */
    @ParameterizedTest
    @ValueSource(strings = {"/admin", "/admin/js", "/js", "/css"})
    void aFolderNamedWithoutItsSlashIsAnsweredByUsWithTheSecurityHeadersAndNoForeignHost(String folder, VestibuleServer server)
            throws Exception {
        for (int port : new int[] {server.httpsPort(), server.adminPort()}) {
            String answer = rawWithHost(server, port, folder, "evil.example");

            assertThat(answer).as(folder + " on " + port).containsIgnoringCase("\r\nContent-Security-Policy: ")
                    .containsIgnoringCase("\r\nStrict-Transport-Security: ").doesNotContain("evil.example");
            if (folder.equals("/admin") && port == server.adminPort()) {
                assertThat(answer).startsWith("HTTP/1.1 302").containsIgnoringCase("\r\nLocation: /admin/\r\n");
            } else {
                assertThat(answer).startsWith("HTTP/1.1 404");
            }
        }
    }

    /** A request with the Host header of the caller's choice, which the JDK's client does not let one set. */
    private static String rawWithHost(VestibuleServer server, int port, String path, String host) throws Exception {
        try (SSLSocket socket = (SSLSocket) server.trustingServer().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/api/v1/banner", "/admin/api/v1/nothing", "/%61dmin/api/v1/banner", "/x/../admin/api/v1/banner",
            "//admin/api/v1/banner"})
    void theAdminApiAnswersNotFoundOnThePortalPort(String path, VestibuleServer server) throws Exception {
        HttpResponse<String> response = raw(server, server.baseUri(), path);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).contains("\"error\":\"not_found\"").doesNotContain("banner");
        assertThat(response.headers().firstValue("strict-transport-security")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/", "/admin", "/admin/index.html", "/admin/banner.js"})
    void theConsoleAnswersNotFoundOnThePortalPort(String path, VestibuleServer server) throws Exception {
        HttpResponse<String> response = raw(server, server.baseUri(), path);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).contains("This page does not exist.").doesNotContain("administration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/meetings.html", "/join/some-room", "/css/vestibule.css", "/health/ready",
            "/health/live", "/openapi", "/openapi/application.wadl", "/error"})
    void portalPagesAndPayarasEndpointsAnswerNotFoundOnTheAdminPort(String path, VestibuleServer server) throws Exception {
        HttpResponse<String> response = raw(server, server.adminBaseUri(), path);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).contains("This page does not exist.");
        assertThat(response.headers().firstValue("content-security-policy")).as("the security headers apply").isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/me", "/api/v1/keys", "/api/v1/meetings"})
    void thePortalApiAnswersNotFoundOnTheAdminPort(String path, VestibuleServer server) {
        ApiResponse response = server.adminClient().get(path);

        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }

    @Test
    void theConferenceSocketDoesNotOpenOnTheAdminPort(VestibuleServer server) {
        URI socket = URI.create("wss://localhost:" + server.adminPort() + "/ws/v1/conferences/" + UUID.randomUUID());

        assertThatThrownBy(() -> server.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(socket, new WebSocket.Listener() { }).orTimeout(15, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class);
    }

    @Test
    void theAdminListenerRefusesTls11LikeThePortal(VestibuleServer server) {
        assertThatThrownBy(() -> TlsHandshakes.handshake(server.adminPort(), ProtocolVersion.TLSv11, new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA}, NamedGroup.secp256r1))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theAdminListenerRefusesSuitesWithoutAeadLikeThePortal(VestibuleServer server) {
        assertThatThrownBy(() -> TlsHandshakes.handshake(server.adminPort(), ProtocolVersion.TLSv12, new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
                CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
                NamedGroup.secp256r1))
                .isInstanceOf(IOException.class);
    }

    @Test
    void withoutAClientCaFileNeitherListenerAsksForACertificate(VestibuleServer server) throws IOException {
        for (int port : new int[] {server.httpsPort(), server.adminPort()}) {
            TlsHandshakes.Outcome tls12 = TlsHandshakes.handshake(port, ProtocolVersion.TLSv12,
                    new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, NamedGroup.secp256r1);
            TlsHandshakes.Outcome tls13 = TlsHandshakes.handshake(port, ProtocolVersion.TLSv13,
                    new int[] {CipherSuite.TLS_AES_128_GCM_SHA256}, NamedGroup.secp256r1);

            assertThat(tls12.cipherSuite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
            assertThat(tls12.certificateRequested()).as("TLS 1.2 on port %d", port).isFalse();
            assertThat(tls13.certificateRequested()).as("TLS 1.3 on port %d", port).isFalse();
        }
    }

    /**
     * A service started with VESTIBULE_ADMIN_CLIENT_CA_FILE: one organisation CA, and another CA it does not trust. It
     * is {@code AdminApiIT}'s ({@link OnAdminClientCa}); these tests sign nobody in.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAClientCaFile {
        private static final char[] PASSWORD = "test".toCharArray();
        private final TestCertificates.Issued authority = Servers.ADMIN_CLIENT_CA;
        private final TestCertificates.Issued administrator = TestCertificates.issue(authority, "CN=ana.garcia,O=Example",
                new GeneralNames(new GeneralName(GeneralName.otherName, new OtherName(
                        new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String("ana@example.org")))));
        private final TestCertificates.Issued stranger = TestCertificates.issue(
                TestCertificates.authority("CN=Some Other CA"), "CN=mallory", null);
        private VestibuleServer server;

        @BeforeAll
        void start(@OnAdminClientCa VestibuleServer shared) {
            server = shared;
        }

        @Test
        void anAdministratorsCertificateCompletesTheHandshakeAndTheRequest() throws Exception {
            Exchange exchange = get(server.adminPort(), keyManagers(administrator.keyStore(PASSWORD, authority.certificate())));

            assertThat(exchange.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(exchange.sentCertificate()).as("the client presented its certificate").isTrue();
        }

        @Test
        void aBrowserWithoutACertificateStillCompletesTheHandshake() throws Exception {
            Exchange exchange = get(server.adminPort(), null);

            assertThat(exchange.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(exchange.sentCertificate()).isFalse();
        }

        @Test
        void theAdminListenerAsksForACertificateAndThePortalNever() throws IOException {
            for (ProtocolVersion version : new ProtocolVersion[] {ProtocolVersion.TLSv12, ProtocolVersion.TLSv13}) {
                int[] suites = version == ProtocolVersion.TLSv13 ? new int[] {CipherSuite.TLS_AES_128_GCM_SHA256}
                        : new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
                assertThat(TlsHandshakes.handshake(server.adminPort(), version, suites, NamedGroup.secp256r1).certificateRequested())
                        .as("admin listener, %s", version).isTrue();
                assertThat(TlsHandshakes.handshake(server.httpsPort(), version, suites, NamedGroup.secp256r1).certificateRequested())
                        .as("portal listener, %s", version).isFalse();
            }
        }

        @Test
        void aCertificateFromAnotherAuthorityIsRefusedAtTheHandshake() {
            // This client presents its certificate even though the server names only the configured CA as acceptable.
            KeyManager[] insistent = {new InsistentKeyManager(stranger)};

            assertThatThrownBy(() -> get(server.adminPort(), insistent)).isInstanceOf(IOException.class);
        }

        @Test
        void thePortalStillServesItsPagesAndNoneOfTheConsole() {
            assertThat(server.newClient().get("/index.html").status()).isEqualTo(200);
            assertThat(server.newClient().get("/admin/api/v1/banner").status()).isEqualTo(404);
            assertThat(server.adminClient().get("/admin/api/v1/banner").status()).isEqualTo(200);
        }

        private record Exchange(String statusLine, boolean sentCertificate) {
        }

        /** GET /admin/api/v1/banner over HTTP/1.1 on a socket of our own, so the handshake is in view. */
        private Exchange get(int port, KeyManager[] keyManagers) throws Exception {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore serverCertificate = KeyStore.getInstance("PKCS12");
            serverCertificate.load(null, null);
            serverCertificate.setCertificateEntry("server", PemFiles.readCertificates(server.certificateFile()).get(0));
            trust.init(serverCertificate);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
                socket.setSoTimeout(10000);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(("GET /admin/api/v1/banner HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                        .readLine();
                if (statusLine == null) {
                    throw new IOException("The server closed the connection without an answer");
                }
                return new Exchange(statusLine, socket.getSession().getLocalCertificates() != null);
            }
        }

        private static KeyManager[] keyManagers(KeyStore store) throws Exception {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD);
            return factory.getKeyManagers();
        }
    }

    /** Presents its certificate whatever authorities the server asks for, as an attacker's client would. */
    private static final class InsistentKeyManager extends X509ExtendedKeyManager {
        private final TestCertificates.Issued identity;

        InsistentKeyManager(TestCertificates.Issued identity) {
            this.identity = identity;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {identity.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.key();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The path exactly as written, not normalised by java.net.URI, with a client that trusts the server. */
    private static HttpResponse<String> raw(VestibuleServer server, URI base, String path) throws Exception {
        URI uri = URI.create(base.toString().replaceAll("/$", "") + path);
        return server.http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
