package io.vestibule.platform.launcher;

import java.util.ArrayList;
import java.util.List;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The asadmin commands that turn Payara Micro's default domain into Vestibule's: HTTPS only, with the crypto
 * policy's protocols and suites and our key store; no plain HTTP listener; no server banners or TRACE; and the
 * connection pool behind {@code jdbc/vestibule}.
 */
final class PayaraConfiguration {
    static final String JDBC_RESOURCE = "jdbc/vestibule";
    static final String TLS_PASSWORD_PROPERTY = "vestibule.internal.https-keystore-password";

    private static final String NETWORK = "configs.config.server-config.network-config.";
    private static final String POOL = "vestibule-pool";

    private final CryptoPolicy policy;

    PayaraConfiguration(CryptoPolicy policy) {
        this.policy = policy;
    }

    List<AdminCommand> preBootCommands(String bindAddress, String keyStoreFile, DatabaseTarget database, boolean cluster) {
        List<AdminCommand> commands = new ArrayList<>();
        // Payara Micro reports usage to its vendor unless told not to; a gateway opens no such connection.
        commands.add(AdminCommand.set("configs.config.server-config.phone-home-runtime-configuration.enabled", false));
        // Without clustering, no Hazelcast member at all: it would listen on every interface (port 6900).
        commands.add(AdminCommand.set("configs.config.server-config.hazelcast-config-specific-configuration.enabled", cluster));
        commands.add(AdminCommand.set(NETWORK + "network-listeners.network-listener.http-listener.enabled", false));
        commands.addAll(httpsListener(bindAddress, keyStoreFile));
        commands.addAll(connectionPool(database));
        return commands;
    }

    private List<AdminCommand> httpsListener(String bindAddress, String keyStoreFile) {
        String protocol = NETWORK + "protocols.protocol.https-listener.";
        String ssl = protocol + "ssl.";
        String http = protocol + "http.";
        return List.of(
                AdminCommand.set(NETWORK + "network-listeners.network-listener.https-listener.address", bindAddress),
                AdminCommand.set(ssl + "key-store", keyStoreFile),
                AdminCommand.set(ssl + "key-store-password", "${" + TLS_PASSWORD_PROPERTY + "}"),
                AdminCommand.set(ssl + "cert-nickname", ListenerIdentityProvisioner.KEY_ALIAS),
                AdminCommand.set(ssl + "tls12-enabled", true),
                AdminCommand.set(ssl + "tls13-enabled", true),
                AdminCommand.set(ssl + "tls-rollback-enabled", false),
                AdminCommand.set(ssl + "ssl3-tls-ciphers", String.join(",",
                        policy.tlsCipherSuites().stream().map(suite -> "+" + suite).toList())),
                // Headers are set by the application's one security-headers filter.
                AdminCommand.set(ssl + "hsts-enabled", false),
                AdminCommand.set(http + "xframe-options", false),
                AdminCommand.set(http + "xpowered-by", false),
                AdminCommand.set(http + "server-header", false),
                AdminCommand.set(http + "trace-enabled", false),
                AdminCommand.set(http + "http2-push-enabled", false));
    }

    private List<AdminCommand> connectionPool(DatabaseTarget database) {
        String pool = "resources.jdbc-connection-pool." + POOL + ".";
        List<AdminCommand> commands = new ArrayList<>();
        commands.add(new AdminCommand("create-jdbc-connection-pool", List.of(
                "--datasourceclassname=" + database.dataSourceClass(),
                "--restype=javax.sql.DataSource",
                "--steadypoolsize=2",
                "--maxpoolsize=32",
                "--isconnectvalidatereq=true",
                "--validationmethod=auto-commit",
                "--failconnection=true",
                POOL)));
        commands.add(AdminCommand.set(pool + "property.URL", database.url()));
        commands.add(AdminCommand.set(pool + "property.user", database.user()));
        // "()" is how GlassFish writes an empty password; the embedded database has none (file access is the boundary).
        commands.add(AdminCommand.set(pool + "property.password",
                database.hasPassword() ? "${" + DatabaseTarget.PASSWORD_PROPERTY + "}" : "()"));
        commands.add(new AdminCommand("create-jdbc-resource", List.of("--connectionpoolid=" + POOL, JDBC_RESOURCE)));
        return commands;
    }
}
