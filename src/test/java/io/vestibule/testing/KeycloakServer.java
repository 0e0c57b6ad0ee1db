package io.vestibule.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;


import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;


import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.crypto.pki.TlsIdentity;

/**
 * A stock Keycloak (the {@code org.keycloak:keycloak-quarkus-dist} zip from Maven Central, unpacked into
 * {@code target/keycloak} by {@code ./mvnw verify}) running as its own process in development mode on free loopback
 * ports, over HTTPS with a certificate made for this run, with {@code realm/vestibule-realm.json} imported and
 * trusting the directory it federates. Its log is {@code target/it-logs/keycloak.log}.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String REALM = "vestibule";
    public static final Path HOME = Path.of(System.getProperty("vestibule.keycloak.home", "target/keycloak/keycloak-26.7.3"));
    private static final Path REALM_FILE = Path.of(System.getProperty("vestibule.realm.file", "realm/vestibule-realm.json"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final Path log;
    private final Address address;
    private final String adminPassword;
    private final HttpClient http;
    private Duration startUpTime;

    private KeycloakServer(Process process, Path log, Address address, String adminPassword) {
        this.process = process;
        this.log = log;
        this.address = address;
        this.adminPassword = adminPassword;
        this.http = HttpClient.newBuilder().sslContext(PemTrust.context(address.certificateFile(), null)).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static boolean available() {
        return Files.isRegularFile(HOME.resolve("bin").resolve("kc.sh"));
    }

    /**
     * Where a Keycloak about to start will answer and the certificate it will show, chosen before it starts: a portal
     * given them can start at the same time.
     */
    public record Address(int httpsPort, Path certificateFile, Path keyFile) {
        /** The realm's issuer identifier as Keycloak writes it for requests to {@code host}. */
        public URI issuerAt(String host) {
            return URI.create("https://" + host + ":" + httpsPort + "/realms/" + REALM);
        }

        /** The issuer for requests to {@code 127.0.0.1}, see {@link KeycloakServer#issuer()}. */
        public URI issuer() {
            return issuerAt("127.0.0.1");
        }
    }

    /** A free port and a certificate made for this run, in a folder of their own. */
    public static Address address() {
        try {
            Path work = Files.createTempDirectory("vestibule-it-keycloak-");
            Path certificate = work.resolve("keycloak-certificate.pem");
            Path key = work.resolve("keycloak-key.pem");
            TlsIdentity identity = new SelfSignedCertificateIssuer(CryptoPolicy.standard(), new SecureRandom())
                    .issue("localhost", List.of("localhost", "127.0.0.1"), Instant.now());
            Files.writeString(certificate, PemFiles.toPem(identity.chain()));
            Files.writeString(key, TestCertificates.privateKeyPem(identity.privateKey()));
            return new Address(FreePorts.next(), certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Keycloak at {@code address} with the realm imported, its placeholders resolved from
     * {@code realmEnvironment}, trusting {@code trustedCertificates} (PEM) for outbound TLS (the directory's
     * StartTLS), and waits until the realm answers.
     */
    public static KeycloakServer start(Address address, Map<String, String> realmEnvironment, Path trustedCertificates) {
        try {
            Path target = Path.of(System.getProperty("vestibule.target", "target"));
            Path log = Files.createDirectories(target.resolve("it-logs")).resolve("keycloak.log");

            // --import-realm reads data/import only; start from an empty folder holding exactly our realm.
            Path imports = HOME.resolve("data").resolve("import");
            VestibuleServer.deleteRecursively(imports);
            Files.createDirectories(imports);
            Files.copy(REALM_FILE, imports.resolve(REALM_FILE.getFileName()));

            String adminPassword = "Kc-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            List<String> command = new ArrayList<>(List.of("bash", HOME.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                    "--import-realm", "--db=dev-mem",
                    // Development mode always listens on plain HTTP too; keep it on loopback and off the default 8080.
                    "--http-host=127.0.0.1", "--http-port=" + FreePorts.next(),
                    "--https-port=" + address.httpsPort(),
                    "--https-certificate-file=" + address.certificateFile(), "--https-certificate-key-file=" + address.keyFile(),
                    "--truststore-paths=" + trustedCertificates));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("VESTIBULE_") || name.startsWith("KC_"));
            builder.environment().putAll(realmEnvironment);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            // Keycloak would size its heap at 70 % of the machine's memory; the tests share two cores and a few GiB.
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx640m");
            builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            Instant started = Instant.now();
            Process process = builder.start();
            // Should the test JVM end without closing its resources (interrupted build), Keycloak must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            KeycloakServer server = new KeycloakServer(process, log, address, adminPassword);
            server.awaitRealm();
            server.startUpTime = Duration.between(started, Instant.now());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The realm's issuer identifier, as Keycloak writes it into tokens for requests to {@code 127.0.0.1}. The portal is
     * at {@code localhost}: another site for the browser, as an organisation's provider usually is, so the redirects
     * between them are cross-site as they will be in production.
     */
    public URI issuer() {
        return issuerAt("127.0.0.1");
    }

    /** The same realm reached by another host name: Keycloak in development mode then names another issuer. */
    public URI issuerAt(String host) {
        return address.issuerAt(host);
    }

    public Path certificateFile() {
        return address.certificateFile();
    }

    public HttpClient http() {
        return http;
    }

    public Duration startUpTime() {
        return startUpTime;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public boolean running() {
        return process.isAlive();
    }

    /** GET on the admin REST API of the realm, e.g. {@code ""} for the realm, {@code "/clients"}, {@code "/keys"}. */
    public JsonStructure admin(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(adminUri(path)).header("Authorization", "Bearer " + adminToken()).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }

    /** POST of a JSON body on the admin REST API of the realm; returns the status. */
    public int adminPost(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(adminUri(path)).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))).statusCode();
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return KeycloakLogin.send(http, request);
    }

    public void stop() {
        VestibuleServer.terminate(process);
    }

    @Override
    public void close() {
        stop();
        VestibuleServer.deleteRecursively(address.certificateFile().getParent());
    }

    private URI adminUri(String path) {
        return URI.create("https://localhost:" + address.httpsPort() + "/admin/realms/" + REALM + path);
    }

    private String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("https://localhost:" + address.httpsPort()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject().getString("access_token");
        }
    }

    private void awaitRealm() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Keycloak's realm did not answer within " + START_TIMEOUT + ":\n" + tail());
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
