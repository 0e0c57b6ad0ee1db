package io.vestibule.platform.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.ListenerKeyStore;

/**
 * The asadmin commands that turn Payara Micro's default domain into Vestibule's: two HTTPS listeners, the
 * portal's and the admin console's (R-ADM-1), hardened alike with the crypto policy's protocols and suites and
 * our key store; no plain HTTP listener (Micro's is the admin console's, made HTTPS); no server banners or TRACE;
 * and the connection pool behind {@code jdbc/vestibule}.
 */
final class PayaraConfiguration {
    static final String JDBC_RESOURCE = "jdbc/vestibule";
    static final String TLS_PASSWORD_PROPERTY = ListenerKeyStore.PASSWORD_PROPERTY;
    static final String ADMIN_TRUST_PASSWORD_PROPERTY = "vestibule.internal.admin-truststore-password";
    /** Payara Micro's HTTPS listener, which {@code setSslPort} enables on the portal's port. */
    static final String PORTAL_LISTENER = "https-listener";
    /**
     * Payara Micro's plain HTTP listener, made the admin console's HTTPS listener. Micro serves requests only on
     * listeners its domain configuration had at boot: an HTTPS listener created by a pre-boot command binds its
     * port and completes handshakes, but maps no virtual server, so every request answers 400 (Payara Micro
     * 6.2025.10). Taking over the built-in one avoids shipping a domain.xml of our own.
     */
    static final String ADMIN_LISTENER = "http-listener";

    private static final String NETWORK = "configs.config.server-config.network-config.";
    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final int WRITE_TIMEOUT_MILLIS = 20_000;
    static final int KEEP_ALIVE_SECONDS = 30;
    private static final String POOL = "vestibule-pool";

    private final CryptoPolicy policy;

    PayaraConfiguration(CryptoPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param adminTrustStoreFile the trust store of administrators' client certificate authorities; when present
     *                            the admin listener asks for a client certificate, without requiring one
     */
    List<AdminCommand> preBootCommands(ListenerSettings listeners, String keyStoreFile, Optional<String> adminTrustStoreFile,
                                       DatabaseTarget database, boolean cluster) {
        List<AdminCommand> commands = new ArrayList<>();
        // Payara Micro reports usage to its vendor unless told not to; a gateway opens no such connection.
        commands.add(AdminCommand.set("configs.config.server-config.phone-home-runtime-configuration.enabled", false));
        // No access log: request lines carry capability URLs (calendar feed tokens). Off by default; said here so it stays off.
        commands.add(AdminCommand.set("configs.config.server-config.http-service.access-logging-enabled", false));
        // Without clustering, no Hazelcast member at all: it would listen on every interface (port 6900).
        commands.add(AdminCommand.set("configs.config.server-config.hazelcast-config-specific-configuration.enabled", cluster));
        commands.addAll(portalListener(listeners.portalAddress(), keyStoreFile));
        commands.addAll(adminListener(listeners.adminPort(), listeners.adminAddress(), keyStoreFile, adminTrustStoreFile));
        commands.addAll(timeouts());
        commands.addAll(connectionPool(database));
        return commands;
    }

    /**
     * Time limits of both listeners' one TCP transport and HTTP protocol (penetration test, finding 1): a blocking
     * read or write that makes no progress for this long fails, and an idle kept-alive connection is closed. A request
     * body also has a deadline as a whole ({@code RequestBodyLimit}).
     */
    private static List<AdminCommand> timeouts() {
        String transport = NETWORK + "transports.transport.tcp.";
        List<AdminCommand> commands = new ArrayList<>(List.of(
                AdminCommand.set(transport + "read-timeout-millis", READ_TIMEOUT_MILLIS),
                AdminCommand.set(transport + "write-timeout-millis", WRITE_TIMEOUT_MILLIS)));
        for (String listener : List.of(PORTAL_LISTENER, ADMIN_LISTENER)) {
            commands.add(AdminCommand.set(NETWORK + "protocols.protocol." + listener + ".http.timeout-seconds", KEEP_ALIVE_SECONDS));
        }
        return commands;
    }

    private List<AdminCommand> portalListener(String bindAddress, String keyStoreFile) {
        List<AdminCommand> commands = new ArrayList<>();
        commands.add(AdminCommand.set(NETWORK + "network-listeners.network-listener." + PORTAL_LISTENER + ".address", bindAddress));
        commands.addAll(hardenedTls(PORTAL_LISTENER, keyStoreFile, ListenerIdentityProvisioner.KEY_ALIAS));
        // Users of the portal are never asked for a certificate.
        commands.add(AdminCommand.set(ssl(PORTAL_LISTENER) + "client-auth-enabled", false));
        return commands;
    }

    private List<AdminCommand> adminListener(int port, String bindAddress, String keyStoreFile, Optional<String> trustStoreFile) {
        List<AdminCommand> commands = new ArrayList<>();
        String listener = NETWORK + "network-listeners.network-listener." + ADMIN_LISTENER + ".";
        // Never plain HTTP: the protocol is made secure before the listener is enabled.
        commands.add(AdminCommand.set(NETWORK + "protocols.protocol." + ADMIN_LISTENER + ".security-enabled", true));
        commands.add(new AdminCommand("create-ssl", List.of("--type=protocol",
                "--certname=" + ListenerIdentityProvisioner.ADMIN_KEY_ALIAS, ADMIN_LISTENER)));
        commands.addAll(hardenedTls(ADMIN_LISTENER, keyStoreFile, ListenerIdentityProvisioner.ADMIN_KEY_ALIAS));
        String ssl = ssl(ADMIN_LISTENER);
        commands.add(AdminCommand.set(ssl + "client-auth-enabled", false));
        trustStoreFile.ifPresent(file -> commands.addAll(List.of(
                AdminCommand.set(ssl + "trust-store", file),
                AdminCommand.set(ssl + "trust-store-password", "${" + ADMIN_TRUST_PASSWORD_PROPERTY + "}"),
                // Payara accepts only JKS or NSS here; the JDK's JKS type reads our PKCS#12 file too (keystore.type.compat).
                AdminCommand.set(ssl + "trust-store-type", "JKS"),
                // "want", not "need": a browser without a certificate still completes the handshake, and the
                // application decides whether a certificate is required (R-ADM-5 makes that a setting).
                AdminCommand.set(ssl + "client-auth", "want"),
                // A missing certificate is an answer; the server never renegotiates to ask again.
                AdminCommand.set(ssl + "renegotiate-on-client-auth-want", false))));
        commands.add(AdminCommand.set(listener + "port", port));
        commands.add(AdminCommand.set(listener + "address", bindAddress));
        commands.add(AdminCommand.set(listener + "enabled", true));
        return commands;
    }

    /**
     * What both listeners share: our key store, the policy's protocols and suites, no banners; each presents the
     * certificate under its own alias, which may be the same one.
     */
    private List<AdminCommand> hardenedTls(String listener, String keyStoreFile, String keyAlias) {
        String ssl = ssl(listener);
        String http = NETWORK + "protocols.protocol." + listener + ".http.";
        return List.of(
                AdminCommand.set(ssl + "key-store", keyStoreFile),
                AdminCommand.set(ssl + "key-store-password", "${" + TLS_PASSWORD_PROPERTY + "}"),
                AdminCommand.set(ssl + "cert-nickname", keyAlias),
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

    private static String ssl(String listener) {
        return NETWORK + "protocols.protocol." + listener + ".ssl.";
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
