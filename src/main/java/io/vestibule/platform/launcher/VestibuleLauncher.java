package io.vestibule.platform.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Logger;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.PayaraMicroRuntime;
import fish.payara.micro.boot.PayaraMicroBoot;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.KeyStoreRefused;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;
import io.vestibule.crypto.pki.ListenerKeyStore;
import io.vestibule.crypto.pki.ServerCertificates;
import io.vestibule.crypto.pki.TlsIdentity;

/**
 * {@code java -jar vestibule.jar}: prepares the data directory, the key hierarchy and the HTTPS identity, then
 * boots Payara Micro with Vestibule's configuration and deploys the application. Payara's own launcher runs
 * this class (the jar's {@code Start-Class}) inside the class loader it builds from {@code MICRO-INF}.
 */
public final class VestibuleLauncher {
    static final String APPLICATION = "ROOT";
    /** Payara has deployed when the probe begins; an application that does not answer by then did not deploy. */
    private static final Duration UNANSWERED = Duration.ofSeconds(10);
    /** A directory, database or provider still unreachable after this is reported, and the service keeps running. */
    private static final Duration NOT_READY = Duration.ofSeconds(60);

    /** Held for the life of the process: the data directory belongs to this service. */
    private static FileLock dataDirectoryLock;

    /** Where a failed start writes its trace, once the data directory is known. */
    private static Path traceFile;

    private final LauncherSettings settings;
    private final PrintStream console;
    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final SecureRandom random = policy.newSecureRandom();

    private VestibuleLauncher(LauncherSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            switch (command) {
                case "serve" -> new VestibuleLauncher(LauncherSettings.load(System.getenv(), System.getProperties()), System.out).serve();
                case "help", "--help", "-h" -> usage(System.out);
                default -> {
                    LauncherCommand other = commands().stream().filter(offered -> offered.name().equals(command)).findFirst().orElseThrow(() -> {
                        usage(System.err);
                        return new LaunchFailure("Unknown command: " + command);
                    });
                    System.exit(other.run(List.of(args).subList(1, args.length), System.out, System.err));
                }
            }
        } catch (LaunchFailure | KeyStoreRefused failure) {
            System.err.println("vestibule: " + failure.getMessage());
            System.exit(2);
        } catch (RuntimeException failure) {
            // Uncaught, Payara's loader would log "SEVERE: null" with a trace and exit with status 0.
            System.err.println("vestibule: the service did not start: " + failure.getMessage() + traceWrittenTo(failure));
            System.exit(1);
        }
    }

    private static void deleteEarlierTrace() {
        try {
            Files.deleteIfExists(traceFile);
        } catch (IOException e) {
            throw new LaunchFailure("Cannot write in the data directory " + traceFile.getParent() + " (VESTIBULE_DATA_DIR): " + e.getMessage());
        }
    }

    /** The trace goes to a file in the data directory, when there is one, so the console keeps one line. */
    private static String traceWrittenTo(RuntimeException failure) {
        if (traceFile == null) {
            return "";
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        try {
            Files.writeString(traceFile, trace.toString());
            return " (details in " + traceFile + ")";
        } catch (IOException | RuntimeException unwritable) {
            return "";
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar vestibule.jar [serve | <command> ...]");
        out.println("  serve   start the service (the default); settings come from VESTIBULE_* environment variables,");
        out.println("          vestibule.* system properties or the properties file named by VESTIBULE_CONFIG_FILE.");
        commands().forEach(command -> out.println("  " + command.usage()));
        out.println("See docs/admin-guide.md for every setting.");
    }

    /** The commands the layers above offer (the audit file verifier), found in the boot layer's jar. */
    private static List<LauncherCommand> commands() {
        return ServiceLoader.load(LauncherCommand.class, VestibuleLauncher.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }

    private void serve() {
        FipsMode.apply(settings, console);
        CryptoPolicy.bouncyCastle();
        DataDirectory data = new DataDirectory(settings.path("vestibule.data.dir", "vestibule-data"));
        dataDirectoryLock = data.prepareAndLock();
        traceFile = data.root().resolve("start-failure.log");
        deleteEarlierTrace();

        ListenerSettings listeners = ListenerSettings.from(settings);
        URI publicUrl = publicUrl(listeners.portalPort());
        URI adminUrl = adminUrl(publicUrl, listeners);

        requireKeysOfEarlierRuns(data);
        MasterPassphrase passphrase = MasterPassphrase.resolve(
                settings.find("vestibule.keystore.password"), data.masterPassphrase(), data.masterKeyStore(), random);
        if (passphrase.storedBesideKeys()) {
            console.println("WARNING: no VESTIBULE_KEYSTORE_PASSWORD is set; the master key store's passphrase is kept in "
                    + data.masterPassphrase() + ". Set VESTIBULE_KEYSTORE_PASSWORD in production.");
        }
        MasterKeyStore master = MasterKeyStore.openOrCreate(data.masterKeyStore(), passphrase, policy);
        ListenerIdentityProvisioner provisioner = new ListenerIdentityProvisioner(policy, random, Clock.systemUTC());
        Optional<ListenerIdentityProvisioner.ConfiguredCertificate> configured = configuredCertificate();
        TlsIdentity httpsIdentity = provisioner.identity("portal", ServerCertificates.SELF_SIGNED, configured, master, hostNames(publicUrl, adminUrl));
        TlsIdentity adminIdentity = provisioner.identity("admin", ServerCertificates.SELF_SIGNED, configured, master, hostNames(publicUrl, adminUrl));
        master.close();
        ListenerIdentityProvisioner.RuntimeKeyStore keyStore = provisioner.publish(httpsIdentity, adminIdentity,
                data.runtime().resolve("https.p12"), data.tls().resolve("https-certificate.pem"));

        DatabaseTarget database = DatabaseTarget.from(settings, data);
        Properties system = System.getProperties();
        if (system.getProperty("javax.net.ssl.trustStore") == null) {
            // Not a secret: the file holds public CA certificates; PKCS#12 just wants a password.
            char[] trustPassword = "public-ca-certificates".toCharArray();
            Path trustStore = data.runtime().resolve("truststore.p12");
            new TrustStoreProvisioner(policy).publish(TrustStoreProvisioner.jdkDefault(), null, trustStore, trustPassword,
                    Clock.systemUTC().instant());
            system.setProperty("javax.net.ssl.trustStore", trustStore.toString());
            system.setProperty("javax.net.ssl.trustStorePassword", new String(trustPassword));
            system.setProperty("javax.net.ssl.trustStoreType", policy.keyStoreType());
        }
        Optional<Path> adminTrustStore = listeners.adminClientCaFile().map(file -> publishAdminClientAuthorities(file, data));
        JvmTlsHardening.apply(policy, system);
        ServerCipherSuiteOrder.install(policy, new CurrentListenerIdentities(
                new ListenerKeyStore(keyStore.file(), keyStore.password().toCharArray(), policy), Clock.systemUTC()));
        // No WADL anywhere, Payara's own JAX-RS endpoints included: it names Jersey's version. Jersey
        // reads its settings from system properties only when told to.
        system.setProperty("jersey.config.allowSystemPropertiesProvider", "true");
        system.setProperty("jersey.config.server.wadl.disableWadl", "true");
        settings.entriesForTheApplication().forEach(system::setProperty);
        system.setProperty("vestibule.data.dir", data.root().toString());
        system.setProperty("vestibule.https.port", String.valueOf(listeners.portalPort()));
        system.setProperty("vestibule.admin.port", String.valueOf(listeners.adminPort()));
        system.setProperty("vestibule.public.url", publicUrl.toString());
        system.setProperty(PayaraConfiguration.TLS_PASSWORD_PROPERTY, keyStore.password());
        // The application switches the listeners' certificates through this file and checks the result on loopback.
        system.setProperty(ListenerKeyStore.FILE_PROPERTY, keyStore.file().toString());
        system.setProperty(ListenerKeyStore.OWN_ADDRESS_PROPERTY + "portal", host(listeners.portalAddress(), "127.0.0.1") + ":" + listeners.portalPort());
        system.setProperty(ListenerKeyStore.OWN_ADDRESS_PROPERTY + "admin", host(listeners.adminAddress(), "127.0.0.1") + ":" + listeners.adminPort());
        settings.find("vestibule.db.password").ifPresent(password -> system.setProperty(DatabaseTarget.PASSWORD_PROPERTY, password));

        boolean cluster = settings.flag("vestibule.cluster.enabled", false);
        List<AdminCommand> commands = new PayaraConfiguration(policy)
                .preBootCommands(listeners, keyStore.file().toString(), adminTrustStore.map(Path::toString), database, cluster);
        DeploymentFailureWitness witness = new DeploymentFailureWitness();
        PayaraMicroRuntime runtime = boot(listeners.portalPort(), cluster, commands, data.emptyPayaraDirectory(),
                LogConfiguration.write(data.runtime()), witness);
        ReadinessProbe.Verdict verdict = runtime.getDeployedApplicationNames().contains(APPLICATION)
                ? new ReadinessProbe(ownHealth(listeners), httpsIdentity.chain(), policy).await(UNANSWERED, NOT_READY)
                : new ReadinessProbe.Verdict.NoAnswer("not deployed");
        if (verdict instanceof ReadinessProbe.Verdict.NoAnswer) {
            console.println("Vestibule did not start: " + witness.cause().orElse("the application failed to deploy") + " (see the messages above).");
            shutDown(runtime);
            System.exit(1);
        }
        console.println();
        if (verdict instanceof ReadinessProbe.Verdict.NotReady notReady) {
            console.println("Vestibule is running but not ready: " + String.join(", ", notReady.down())
                    + " DOWN after " + NOT_READY.toSeconds() + " s; /health/ready says when it is UP.");
        } else {
            console.println("Vestibule is ready.");
        }
        console.println("  Portal:       " + publicUrl);
        console.println("  Health:       " + publicUrl.resolve("/health/ready"));
        console.println("  Admin:        " + adminUrl + (adminTrustStore.isPresent()
                ? " (asks for a client certificate from VESTIBULE_ADMIN_CLIENT_CA_FILE)" : ""));
        console.println("  Certificate:  " + keyStore.certificateFile()
                + (settings.find("vestibule.tls.cert.file").isPresent() ? "" : " (self-signed; import it into your browser or replace it)"));
        console.println("  Database:     " + database.describe());
        console.println("  Data:         " + data.root());
        if (settings.flag("vestibule.demo", false)) {
            console.println("  Sign in:      open the portal and use a demo user listed above (alice or bob), or the admin"
                    + " console as dave (Read-write) or carol (Auditor); passwords were printed with them, or are VESTIBULE_DEMO_PASSWORD");
        }
    }

    /** The portal's readiness check as this machine reaches it: over loopback when the listener takes every address. */
    private static URI ownHealth(ListenerSettings listeners) {
        return URI.create("https://" + host(listeners.portalAddress(), "127.0.0.1") + ":" + listeners.portalPort() + "/health/ready");
    }

    /** A listener's address as a URL's host: {@code forEveryAddress} for the wildcard, an IPv6 literal in brackets. */
    private static String host(String address, String forEveryAddress) {
        if (address.equals("0.0.0.0") || address.equals("::")) {
            return forEveryAddress;
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    private PayaraMicroRuntime boot(int httpsPort, boolean cluster, List<AdminCommand> commands, Path payaraDirectory,
                                    Path logProperties, DeploymentFailureWitness witness) {
        try {
            PayaraMicroBoot boot = (PayaraMicroBoot) Class.forName("fish.payara.micro.impl.PayaraMicroImpl")
                    .getMethod("getInstance").invoke(null);
            // Payara reads noCluster first and then ignores noHazelcast, leaving a local member running.
            boot.setNoCluster(false);
            boot.setNoHazelcast(!cluster);
            boot.setSslPort(httpsPort);
            boot.setPrintLogo(false);
            // In the data directory, not a temporary one that a cleaner could empty under the running service.
            boot.setRootDir(payaraDirectory.toFile());
            linkUnpackedRuntime(payaraDirectory);
            boot.setLogPropertiesFile(logProperties.toFile());
            boot.setPreBootHandler(runner -> {
                // Here, not earlier: Payara has read its logging configuration, which would drop a handler added before.
                Logger.getLogger("").addHandler(witness);
                for (AdminCommand command : commands) {
                    ClusterCommandResult result = runner.run(command.name(), command.arguments().toArray(new String[0]));
                    if (result.getExitStatus() == ClusterCommandResult.ExitStatus.FAILURE) {
                        throw new LaunchFailure("Payara refused '" + command + "': " + result.getOutput());
                    }
                }
            });
            return boot.bootStrap();
        } catch (BootstrapException e) {
            // Payara's own message ("This web container has not yet been started") hides the application's reason.
            throw new LaunchFailure(witness.cause().map(cause -> "Vestibule did not start: " + cause)
                    .orElse("Payara Micro did not start: " + e.getMessage()), e);
        } catch (ReflectiveOperationException e) {
            throw new LaunchFailure("This jar does not contain Payara Micro's runtime; build it with ./mvnw package", e);
        }
    }

    /**
     * Payara's loader unpacks its jars into a directory of its own before this class runs; Payara then looks in its root
     * directory's {@code runtime} folder for the H2 driver to share with applications, and without it says the
     * driver "will not be available" (untrue: the jar's class path has it). A link shows it where the jars are.
     */
    private static void linkUnpackedRuntime(Path payaraDirectory) {
        String unpacked = System.getProperty("fish.payara.micro.tmpdir");
        if (unpacked != null && Files.isDirectory(Path.of(unpacked, "runtime"))) {
            try {
                Files.createSymbolicLink(payaraDirectory.resolve("runtime"), Path.of(unpacked, "runtime"));
            } catch (IOException | UnsupportedOperationException e) {
                // Payara then logs its untrue line, and the driver still loads from the jar's class path.
            }
        }
    }

    private static void shutDown(PayaraMicroRuntime runtime) {
        try {
            runtime.shutdown();
        } catch (BootstrapException e) {
            // The process exits next; nothing more to release.
        }
    }

    private URI publicUrl(int httpsPort) {
        String text = settings.text("vestibule.public.url", "https://localhost:" + httpsPort);
        try {
            URI uri = URI.create(text.endsWith("/") ? text : text + "/");
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an https URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new LaunchFailure("VESTIBULE_PUBLIC_URL must be an https:// URL such as https://meet.example.org, not '" + text + "'");
        }
    }

    /**
     * A data directory the service used before without its master key store: a new store would open nothing the
     * old one protected (issue 21), so nothing is created and the start ends here.
     */
    private static void requireKeysOfEarlierRuns(DataDirectory data) {
        if (Files.exists(data.masterKeyStore())) {
            return;
        }
        data.traceOfEarlierRuns().ifPresent(trace -> {
            throw new LaunchFailure("The master key store " + data.masterKeyStore() + " is missing, but the service ran with this data "
                    + "directory before (" + trace + "). Restore keys/master.p12 (and keys/master.pass, if used) from this "
                    + "installation's backup; nothing was created");
        });
    }

    /**
     * The admin console's address: the public host on the admin port, or the admin listener's own address when it
     * listens on one interface only (a management network).
     */
    private static URI adminUrl(URI publicUrl, ListenerSettings listeners) {
        return URI.create("https://" + host(listeners.adminAddress(), publicUrl.getHost()) + ":" + listeners.adminPort() + "/admin/");
    }

    /** Checks the administrators' client certificate authorities and writes them as the admin listener's trust store. */
    private Path publishAdminClientAuthorities(Path pemFile, DataDirectory data) {
        List<X509Certificate> authorities = AdminClientAuthorities.read(pemFile, policy, Clock.systemUTC().instant());
        char[] password = RuntimePasswords.generate(random);
        Path trustStore = data.runtime().resolve("admin-client-authorities.p12");
        new TrustStoreProvisioner(policy).publish(authorities, trustStore, password);
        System.setProperty(PayaraConfiguration.ADMIN_TRUST_PASSWORD_PROPERTY, new String(password));
        return trustStore;
    }

    /** Every name a browser may use to reach this instance; the self-signed certificate lists them all. */
    private static Collection<String> hostNames(URI publicUrl, URI adminUrl) {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(publicUrl.getHost());
        hosts.add(adminUrl.getHost());
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        hosts.add("::1");
        try {
            hosts.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // A machine without a resolvable name is reached as localhost or through the public URL.
        }
        return hosts;
    }

    private Optional<ListenerIdentityProvisioner.ConfiguredCertificate> configuredCertificate() {
        Optional<String> certificate = settings.find("vestibule.tls.cert.file");
        Optional<String> key = settings.find("vestibule.tls.key.file");
        if (certificate.isPresent() != key.isPresent()) {
            throw new LaunchFailure("Set both VESTIBULE_TLS_CERT_FILE and VESTIBULE_TLS_KEY_FILE, or neither");
        }
        return certificate.map(file -> new ListenerIdentityProvisioner.ConfiguredCertificate(
                settings.path("vestibule.tls.cert.file", file),
                settings.path("vestibule.tls.key.file", key.get()),
                settings.find("vestibule.tls.key.password").map(String::toCharArray).orElse(null)));
    }
}
