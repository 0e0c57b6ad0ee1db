package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The built service ({@code target/vestibule.jar}) running as its own process on free ports with a fresh data
 * directory, in demo mode with a known demo password. Clients trust only the certificate the service generated
 * for itself, exactly as a user who imports it would.
 */
public final class VestibuleServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    private final String name;
    private final Process process;
    private final Path dataDirectory;
    private final Path log;
    private final int httpsPort;
    private final int adminPort;
    private final String demoPassword;
    private final Runnable afterStop;
    private final Map<String, String> settings;
    private final Map<String, String> givenSettings;
    private final List<String> jvmOptions;
    private volatile VestibuleServer successor;
    private HttpClient http;
    private final Instant started = Instant.now();
    private final List<AdminClient> adminClients = new CopyOnWriteArrayList<>();
    private Duration startUpTime;

    private VestibuleServer(String name, Process process, Path dataDirectory, Path log, int httpsPort, int adminPort,
                            String demoPassword, Runnable afterStop, Map<String, String> settings, Map<String, String> givenSettings,
                            List<String> jvmOptions) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.givenSettings = Map.copyOf(givenSettings);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.httpsPort = httpsPort;
        this.adminPort = adminPort;
        this.demoPassword = demoPassword;
        this.afterStop = afterStop;
    }

    /** The JVM options of the README's start command: a quick start on two cores (see docs/performance.md). */
    public static final List<String> README_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Starts the jar with these extra settings (VESTIBULE_* environment variables) and waits until it is ready. */
    public static VestibuleServer start(String name, Map<String, String> settings, Runnable afterStop) {
        List<String> jvmOptions = new ArrayList<>(README_JVM_OPTIONS);
        jvmOptions.add("-Xmx768m");
        return start(name, settings, jvmOptions, afterStop);
    }

    public static VestibuleServer start(String name, Map<String, String> settings, List<String> jvmOptions, Runnable afterStop) {
        return start(name, settings, jvmOptions, null, afterStop);
    }

    /**
     * A copy in {@code to} of a stopped service's data directory, for a test that spoils one: its files and keys, not
     * its lock files nor Payara's {@code runtime/} directory (emptied at every start; its link into Payara's unpacked
     * files points nowhere once the service stopped).
     */
    public static Path copyOfData(Path stopped, Path to) {
        try (Stream<Path> files = Files.walk(stopped)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = stopped.relativize(file);
                if (relative.startsWith("runtime") || file.getFileName().toString().endsWith(".lock")) {
                    continue;
                }
                Path copy = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Starts on an existing data directory (a restart), or on a fresh one when {@code dataDirectory} is null. */
    public static VestibuleServer start(String name, Map<String, String> settings, List<String> jvmOptions, Path dataDirectory,
                                        Runnable afterStop) {
        return start(Path.of(System.getProperty("vestibule.jar", "target/vestibule.jar")), name, settings, jvmOptions, dataDirectory, afterStop);
    }

    /** The FIPS build, {@code target/vestibule-fips.jar}, built beside the standard one. */
    public static Path fipsJar() {
        return Path.of(System.getProperty("vestibule.fips.jar", "target/vestibule-fips.jar"));
    }

    /** Starts another build of the service than the standard jar: {@link #fipsJar()}. */
    public static VestibuleServer start(Path jar, String name, Map<String, String> settings, List<String> jvmOptions, Path dataDirectory,
                                        Runnable afterStop) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist; integration tests run after 'package' (./mvnw verify)");
        }
        try {
            Path target = Path.of(System.getProperty("vestibule.target", "target"));
            Path data = dataDirectory != null ? dataDirectory : Files.createTempDirectory("vestibule-it-" + name + "-");
            Path log = Files.createDirectories(target.resolve("it-logs")).resolve(name + ".log");
            // A test may choose the port (an OpenID provider must know the portal's address before it starts).
            int httpsPort = settings.containsKey("VESTIBULE_HTTPS_PORT") ? Integer.parseInt(settings.get("VESTIBULE_HTTPS_PORT")) : FreePorts.next();
            String demoPassword = "It-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
            Map<String, String> environment = new HashMap<>();
            environment.put("VESTIBULE_DATA_DIR", data.toString());
            environment.put("VESTIBULE_HTTPS_PORT", String.valueOf(httpsPort));
            environment.put("VESTIBULE_ADMIN_PORT", String.valueOf(FreePorts.next()));
            environment.put("VESTIBULE_PUBLIC_URL", "https://localhost:" + httpsPort);
            environment.put("VESTIBULE_BIND_ADDRESS", "127.0.0.1");
            environment.put("VESTIBULE_DEMO", "true");
            environment.put("VESTIBULE_DEMO_PASSWORD", demoPassword);
            environment.put("VESTIBULE_DEMO_LDAP_PORT", String.valueOf(FreePorts.next()));
            environment.put("VESTIBULE_MEDIA_BIND_ADDRESS", "127.0.0.1");
            environment.put("VESTIBULE_MEDIA_PORT", String.valueOf(FreePorts.nextUdp()));
            environment.put("VESTIBULE_MEDIA_ALLOWED_PEERS", "127.0.0.0/8,::1/128");
            // The tests are their own proxy: loopback is trusted (its X-Forwarded-For names the client) and, when
            // it names none, exempt, so only the addresses a test sets on purpose meet the break-in guard.
            environment.put("VESTIBULE_TRUSTED_PROXIES", "127.0.0.1/32,::1/128");
            environment.put("VESTIBULE_BREAKIN_ALLOW_LIST", "127.0.0.1/32,::1/128");
            environment.putAll(settings);
            int adminPort = Integer.parseInt(environment.get("VESTIBULE_ADMIN_PORT"));
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmOptions);
            command.addAll(List.of("-Djava.io.tmpdir=" + Files.createDirectories(data.resolve("tmp")), "-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("VESTIBULE_"));
            builder.environment().putAll(environment);
            VestibuleServer server = new VestibuleServer(name, builder.start(), data, log, httpsPort, adminPort, demoPassword,
                    afterStop, environment, settings, jvmOptions);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("https://localhost:" + httpsPort + "/");
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** The admin console's own listener (R-ADM-1), on a free port; nothing under /admin answers on {@link #baseUri()}. */
    public URI adminBaseUri() {
        return URI.create("https://localhost:" + adminPort + "/");
    }

    public int adminPort() {
        return adminPort;
    }

    /** A VESTIBULE_* setting the service was started with. */
    public String setting(String name) {
        return settings.get(name);
    }

    public String demoPassword() {
        return demoPassword;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path log() {
        return log;
    }

    public Path certificateFile() {
        return dataDirectory.resolve("tls").resolve("https-certificate.pem");
    }

    public PortalClient newClient() {
        return new PortalClient(http(), baseUri());
    }

    /**
     * A client on a connection of its own. The shared client's pooled connection closes after the server's 30 s
     * keep-alive; a test that waits about that long before its next request would race that close.
     */
    public PortalClient newClientOnOwnConnection() {
        return new PortalClient(newHttpClient(), baseUri());
    }

    /** A client of the admin listener; paths are resolved against {@link #adminBaseUri()}. */
    public PortalClient adminClient() {
        return new PortalClient(http(), adminBaseUri());
    }

    /** A client that trusts exactly this server's certificate. */
    public synchronized HttpClient http() {
        if (http == null) {
            http = newHttpClient();
        }
        return http;
    }

    private HttpClient newHttpClient() {
        return HttpClient.newBuilder().sslContext(trustingServer()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public SSLContext trustingServer() {
        return trustingServer(null);
    }

    /** A client for the admin listener that presents this client certificate when the server asks for one. */
    public AdminClient newAdminClient(TestCertificates.Issued certificate) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "client".toCharArray();
            keys.setKeyEntry("client", certificate.key(), password, new Certificate[] {certificate.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            HttpClient client = HttpClient.newBuilder().sslContext(trustingServer(factory.getKeyManagers()))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            return tracked(new AdminClient(new PortalClient(client, adminBaseUri(), AdminClient.LOGIN_PATH)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client of the admin listener that also trusts these authorities: it keeps working while a test has the
     * listener present a certificate they issued, and after it goes back to the server's own.
     */
    public AdminClient newAdminClientAlsoTrusting(java.security.cert.X509Certificate... authorities) {
        HttpClient client = HttpClient.newBuilder().sslContext(PemTrust.context(certificateFile(), null, authorities))
                .connectTimeout(Duration.ofSeconds(10)).build();
        return tracked(new AdminClient(new PortalClient(client, adminBaseUri(), AdminClient.LOGIN_PATH)));
    }

    public AdminClient newAdminClient() {
        return tracked(new AdminClient(new PortalClient(http(), adminBaseUri(), AdminClient.LOGIN_PATH)));
    }

    /**
     * Signs out every admin client made since the last call: on a server many test classes share, the sessions one
     * class leaves open would otherwise count against the next class's sign-ins (10 per administrator).
     */
    public void signOutAdminClients() {
        List<AdminClient> made = List.copyOf(adminClients);
        adminClients.removeAll(made);
        made.forEach(AdminClient::signOut);
    }

    private AdminClient tracked(AdminClient client) {
        adminClients.add(client);
        return client;
    }

    private SSLContext trustingServer(KeyManager[] clientKeys) {
        return PemTrust.context(certificateFile(), clientKeys);
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

    public long pid() {
        return process.pid();
    }

    /** Kills the process with SIGKILL, as a power cut would: no shutdown hooks, nothing flushed. */
    public void killAbruptly() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the process (as {@link #stop()}) and starts it again on the same data directory with the same settings and
     * JVM options, on new ports and with a new demo password: a restart of a shared service, which its
     * {@link Servers} entry then hands out. Closing this object closes the restarted one.
     */
    public VestibuleServer restart(String newName) {
        stop();
        VestibuleServer restarted = start(newName, givenSettings, jvmOptions, dataDirectory, afterStop);
        successor = restarted;
        return restarted;
    }

    /** This service, or the one its last {@link #restart} started. */
    VestibuleServer latest() {
        VestibuleServer latest = this;
        while (latest.successor != null) {
            latest = latest.successor;
        }
        return latest;
    }

    /** Stops the process and leaves the data directory for a restart. */
    public void stop() {
        terminate(process);
    }

    /** Asks a server process to stop (SIGTERM) and kills it if it has not within 30 s. */
    static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the process and deletes its data directory. It is killed rather than stopped: nothing of it is read
     * afterwards, and Payara's orderly shutdown (5.8 s once on a busy machine) was paid by every class with a server
     * of its own.
     */
    @Override
    public void close() {
        if (successor != null) {
            successor.close();
            return;
        }
        killAbruptly();
        afterStop.run();
        deleteRecursively(dataDirectory);
    }

    /** Time from process start to the first ready answer. */
    public Duration startUpTime() {
        return startUpTime;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Vestibule (" + name + ") exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            if (Files.exists(certificateFile()) && ready()) {
                startUpTime = Duration.between(process.info().startInstant().orElse(started), Instant.now());
                return;
            }
            try {
                // Every probe is a TLS handshake; probing too often slows the start it measures.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Vestibule (" + name + ") was not ready within " + START_TIMEOUT + ":\n" + tail());
    }

    private boolean ready() {
        try {
            HttpResponse<String> response = http().send(HttpRequest.newBuilder(baseUri().resolve("/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            http = null;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Temporary files; the operating system cleans what remains.
        }
    }

    @Override
    public String toString() {
        return "VestibuleServer[" + name + " at " + baseUri() + "]";
    }
}
