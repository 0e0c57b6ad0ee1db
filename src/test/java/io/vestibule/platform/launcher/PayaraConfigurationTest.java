package io.vestibule.platform.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class PayaraConfigurationTest {
    private static final String PROTOCOLS = "configs.config.server-config.network-config.protocols.protocol.";
    private static final String SSL = PROTOCOLS + "https-listener.ssl.";
    /** Payara Micro's plain HTTP listener, taken over as the admin console's HTTPS listener. */
    private static final String ADMIN_SSL = PROTOCOLS + "http-listener.ssl.";
    private static final String LISTENERS = "configs.config.server-config.network-config.network-listeners.network-listener.";
    private static final String DB_PASSWORD = "Db-Secret-99";
    private static final String KEY_STORE = "/srv/vestibule/runtime/https.p12";
    private static final String ADMIN_TRUST_STORE = "/srv/vestibule/runtime/admin-client-authorities.p12";
    private static final ListenerSettings LISTENERS_EVERYWHERE =
            new ListenerSettings(8443, "0.0.0.0", 9443, "0.0.0.0", Optional.empty());

    @TempDir
    Path directory;

    private final CryptoPolicy policy = CryptoPolicy.standard();

    private DatabaseTarget postgres() {
        Map<String, String> environment = new HashMap<>();
        environment.put("VESTIBULE_DB_URL", "jdbc:postgresql://db.example.org:5432/vestibule");
        environment.put("VESTIBULE_DB_USER", "vestibule");
        environment.put("VESTIBULE_DB_PASSWORD", DB_PASSWORD);
        return DatabaseTarget.from(LauncherSettings.load(environment, new Properties()), new DataDirectory(directory));
    }

    private DatabaseTarget embedded() {
        return DatabaseTarget.from(LauncherSettings.load(Map.of(), new Properties()), new DataDirectory(directory));
    }

    private List<AdminCommand> commands(DatabaseTarget database) {
        return new PayaraConfiguration(policy).preBootCommands(LISTENERS_EVERYWHERE, KEY_STORE, Optional.empty(), database, false);
    }

    private List<AdminCommand> withAdminClientCertificates() {
        return new PayaraConfiguration(policy).preBootCommands(LISTENERS_EVERYWHERE, KEY_STORE, Optional.of(ADMIN_TRUST_STORE),
                embedded(), false);
    }

    /** The commands that set something under this prefix, as "name=value" without the prefix. */
    private static List<String> settingsUnder(List<AdminCommand> commands, String prefix) {
        return commands.stream().filter(command -> command.name().equals("set"))
                .map(command -> command.arguments().get(0))
                .filter(argument -> argument.startsWith(prefix))
                .map(argument -> argument.substring(prefix.length()))
                .toList();
    }

    private static AdminCommand command(List<AdminCommand> commands, String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst().orElseThrow();
    }

    /** The value of a {@code set name=value} command, if there is one. */
    private static Optional<String> setting(List<AdminCommand> commands, String name) {
        return commands.stream().filter(command -> command.name().equals("set"))
                .map(command -> command.arguments().get(0))
                .filter(argument -> argument.startsWith(name + "="))
                .map(argument -> argument.substring(name.length() + 1))
                .findFirst();
    }

    @Test
    void noHazelcastMemberRunsUnlessClusteringIsAskedFor() {
        String hazelcast = "configs.config.server-config.hazelcast-config-specific-configuration.enabled";
        assertThat(setting(commands(embedded()), hazelcast)).hasValue("false");
        assertThat(setting(new PayaraConfiguration(policy).preBootCommands(LISTENERS_EVERYWHERE, KEY_STORE, Optional.empty(),
                embedded(), true), hazelcast))
                .hasValue("true");
    }

    @Test
    void noAccessLogRecordsRequestLines() {
        assertThat(setting(commands(embedded()), "configs.config.server-config.http-service.access-logging-enabled"))
                .hasValue("false");
    }

    @Test
    void payaraNeverPhonesHome() {
        assertThat(setting(commands(embedded()), "configs.config.server-config.phone-home-runtime-configuration.enabled"))
                .hasValue("false");
    }

    @Test
    void noListenerServesPlainHttp() {
        List<AdminCommand> commands = commands(embedded());
        int secured = commands.indexOf(AdminCommand.set(PROTOCOLS + "http-listener.security-enabled", true));
        int enabled = commands.indexOf(AdminCommand.set(LISTENERS + "http-listener.enabled", true));
        assertThat(secured).isNotNegative();
        assertThat(enabled).as("enabled only once it is HTTPS").isGreaterThan(secured);
        assertThat(commands.stream().map(AdminCommand::toString)).noneMatch(command -> command.contains("security-enabled=false"));
    }

    @Test
    void theHttpsListenerUsesOurKeyStoreAndBindAddress() {
        List<AdminCommand> commands = new PayaraConfiguration(policy).preBootCommands(
                new ListenerSettings(8443, "10.0.0.5", 9443, "10.1.0.5", Optional.empty()), KEY_STORE, Optional.empty(), embedded(), false);
        assertThat(setting(commands, SSL + "key-store")).hasValue(KEY_STORE);
        assertThat(setting(commands, SSL + "cert-nickname")).hasValue(ListenerIdentityProvisioner.KEY_ALIAS);
        assertThat(setting(commands,
                "configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address"))
                .hasValue("10.0.0.5");
    }

    @Test
    void theAdminListenerListensOnItsOwnPortAndAddress() {
        List<AdminCommand> commands = new PayaraConfiguration(policy).preBootCommands(
                new ListenerSettings(8443, "10.0.0.5", 9444, "10.1.0.5", Optional.empty()), KEY_STORE, Optional.empty(), embedded(), false);

        assertThat(settingsUnder(commands, LISTENERS + "http-listener.")).containsExactly("port=9444", "address=10.1.0.5", "enabled=true");
        assertThat(command(commands, "create-ssl").arguments())
                .containsExactly("--type=protocol", "--certname=" + ListenerIdentityProvisioner.ADMIN_KEY_ALIAS, "http-listener");
        assertThat(setting(commands, ADMIN_SSL + "cert-nickname")).hasValue(ListenerIdentityProvisioner.ADMIN_KEY_ALIAS);
        assertThat(setting(commands, ADMIN_SSL + "key-store")).hasValue(KEY_STORE);
        assertThat(setting(commands, LISTENERS + "https-listener.address")).hasValue("10.0.0.5");
    }

    @Test
    void bothListenersAreHardenedAlike() {
        List<AdminCommand> commands = commands(embedded());
        // Each listener names its own certificate (they may differ once an administrator assigns them).
        List<String> portal = settingsUnder(commands, PROTOCOLS + "https-listener.").stream()
                .filter(setting -> !setting.startsWith("ssl.cert-nickname=")).toList();
        List<String> admin = settingsUnder(commands, PROTOCOLS + "http-listener.").stream()
                .filter(setting -> !setting.equals("security-enabled=true") && !setting.startsWith("ssl.cert-nickname=")).toList();

        assertThat(portal).contains("ssl.tls12-enabled=true", "ssl.tls13-enabled=true", "http.server-header=false",
                "http.trace-enabled=false");
        assertThat(admin).isEqualTo(portal);
    }

    @Test
    void withoutAClientCaFileNoListenerAsksForACertificate() {
        List<AdminCommand> commands = commands(embedded());
        for (String ssl : List.of(SSL, ADMIN_SSL)) {
            assertThat(setting(commands, ssl + "client-auth-enabled")).hasValue("false");
            assertThat(setting(commands, ssl + "client-auth")).isEmpty();
            assertThat(setting(commands, ssl + "trust-store")).isEmpty();
        }
    }

    @Test
    void withAClientCaFileTheAdminListenerWantsACertificateAndThePortalStillAsksForNone() {
        List<AdminCommand> commands = withAdminClientCertificates();

        assertThat(setting(commands, ADMIN_SSL + "trust-store")).hasValue(ADMIN_TRUST_STORE);
        assertThat(setting(commands, ADMIN_SSL + "trust-store-password"))
                .hasValue("${" + PayaraConfiguration.ADMIN_TRUST_PASSWORD_PROPERTY + "}");
        assertThat(setting(commands, ADMIN_SSL + "client-auth")).hasValue("want");
        assertThat(setting(commands, ADMIN_SSL + "client-auth-enabled")).as("true would mean need").hasValue("false");
        assertThat(setting(commands, ADMIN_SSL + "renegotiate-on-client-auth-want")).hasValue("false");

        assertThat(setting(commands, SSL + "client-auth-enabled")).hasValue("false");
        assertThat(setting(commands, SSL + "client-auth")).isEmpty();
        assertThat(setting(commands, SSL + "trust-store")).isEmpty();
        List<String> admin = settingsUnder(commands, PROTOCOLS + "http-listener.");
        assertThat(admin).containsAll(settingsUnder(commands, PROTOCOLS + "https-listener.").stream()
                .filter(setting -> !setting.startsWith("ssl.cert-nickname=")).toList());
    }

    @Test
    void theKeyStorePasswordIsOnlyAReference() {
        assertThat(setting(commands(embedded()), SSL + "key-store-password"))
                .hasValue("${" + PayaraConfiguration.TLS_PASSWORD_PROPERTY + "}");
    }

    @Test
    void noCommandCarriesAPassword() {
        List<AdminCommand> commands = new PayaraConfiguration(policy).preBootCommands(LISTENERS_EVERYWHERE, KEY_STORE,
                Optional.of(ADMIN_TRUST_STORE), postgres(), false);
        assertThat(commands).allSatisfy(command -> {
            assertThat(command.arguments()).noneMatch(argument -> argument.contains(DB_PASSWORD));
            assertThat(command.toString()).doesNotContain(DB_PASSWORD);
        });
        assertThat(commands).filteredOn(command -> command.arguments().stream().anyMatch(a -> a.contains("password")))
                .allSatisfy(command -> assertThat(command.arguments().get(0)).matches(".*password=(\\$\\{[a-z.-]+\\}|\\(\\))"));
    }

    @Test
    void theListenerOffersExactlyThePolicysCipherSuitesAndProtocols() {
        List<AdminCommand> commands = commands(embedded());
        String ciphers = setting(commands, SSL + "ssl3-tls-ciphers").orElseThrow();
        List<String> suites = Arrays.stream(ciphers.split(",")).toList();
        assertThat(suites).allMatch(suite -> suite.startsWith("+"));
        assertThat(suites.stream().map(suite -> suite.substring(1)).toList()).isEqualTo(policy.tlsCipherSuites());
        assertThat(setting(commands, SSL + "tls12-enabled")).hasValue("true");
        assertThat(setting(commands, SSL + "tls13-enabled")).hasValue("true");
    }

    @Test
    void serverBannersAndTraceAreOff() {
        List<AdminCommand> commands = commands(embedded());
        String http = "configs.config.server-config.network-config.protocols.protocol.https-listener.http.";
        assertThat(setting(commands, http + "xpowered-by")).hasValue("false");
        assertThat(setting(commands, http + "server-header")).hasValue("false");
        assertThat(setting(commands, http + "trace-enabled")).hasValue("false");
    }

    @Test
    void theConnectionPoolAndItsResourceAreCreated() {
        List<AdminCommand> commands = commands(postgres());
        AdminCommand pool = commands.stream().filter(command -> command.name().equals("create-jdbc-connection-pool"))
                .findFirst().orElseThrow();
        assertThat(pool.arguments()).contains("--datasourceclassname=org.postgresql.ds.PGSimpleDataSource");
        String poolName = pool.arguments().get(pool.arguments().size() - 1);

        AdminCommand resource = commands.stream().filter(command -> command.name().equals("create-jdbc-resource"))
                .findFirst().orElseThrow();
        assertThat(resource.arguments()).containsExactly("--connectionpoolid=" + poolName, "jdbc/vestibule");
        assertThat(commands.indexOf(resource)).isGreaterThan(commands.indexOf(pool));

        String property = "resources.jdbc-connection-pool." + poolName + ".property.";
        assertThat(setting(commands, property + "URL")).hasValue("jdbc:postgresql://db.example.org:5432/vestibule");
        assertThat(setting(commands, property + "user")).hasValue("vestibule");
        assertThat(setting(commands, property + "password")).hasValue("${" + DatabaseTarget.PASSWORD_PROPERTY + "}");
    }

    @Test
    void theEmbeddedDatabaseHasAnEmptyPassword() {
        List<AdminCommand> commands = commands(embedded());
        assertThat(setting(commands, "resources.jdbc-connection-pool.vestibule-pool.property.password")).hasValue("()");
        assertThat(commands).anySatisfy(command -> assertThat(command.arguments())
                .contains("--datasourceclassname=org.h2.jdbcx.JdbcDataSource"));
    }

    @Test
    void bothListenersFailStalledReadsAndWritesAndCloseIdleConnections() {
        List<AdminCommand> commands = commands(embedded());

        assertThat(settingsUnder(commands, "configs.config.server-config.network-config.transports.transport.tcp."))
                .containsExactlyInAnyOrder("read-timeout-millis=10000", "write-timeout-millis=20000");
        assertThat(settingsUnder(commands, PROTOCOLS)).contains("https-listener.http.timeout-seconds=30", "http-listener.http.timeout-seconds=30");
    }
}
