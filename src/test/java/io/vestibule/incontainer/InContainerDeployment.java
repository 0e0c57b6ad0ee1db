package io.vestibule.incontainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import io.vestibule.testing.FreePorts;
import io.vestibule.testing.PostgresDatabase;
import io.vestibule.testing.RequiredParts;

/**
 * What an in-container test deploys, and the Payara Micro it deploys to (client side only).
 *
 * <p>The archive is the built {@code target/vestibule.war} as it ships, plus the test classes. What the launcher
 * would otherwise provide comes from two files that {@code src/test/resources/arquillian.xml} hands to the plain
 * Payara Micro distribution jar, rewritten here before each deployment (the adapter starts one Payara Micro per
 * deployment, in {@code deploy}, after this runs):
 * <ul>
 *     <li>{@code target/arquillian/micro.properties} ({@code --systemproperties}): the HTTP port, and the
 *     application's settings as system properties, which MicroProfile Config reads as it does the launcher's;</li>
 *     <li>{@code target/arquillian/preboot.asadmin} ({@code --prebootcommandfile}): the pool behind
 *     {@code jdbc/vestibule} (as the launcher's {@code PayaraConfiguration} makes it), no Hazelcast, no phone home,
 *     HTTP on loopback only.</li>
 * </ul>
 * The server libraries (Bouncy Castle, the boot layer, the PostgreSQL driver) come from
 * {@code target/bundle/MICRO-INF/lib}, the folder the runnable jar is assembled from ({@code --addlibs}), so the
 * application sees them through its parent class loader, as in production.
 */
final class InContainerDeployment {
    /** Set in the container only: the test classes' conditions and helpers know where they run. */
    static final String IN_CONTAINER = "vestibule.test.in-container";

    private static final Path TARGET = Path.of(System.getProperty("vestibule.target", "target"));
    private static final Path FILES = TARGET.resolve("arquillian");
    private static final String POOL = "vestibule-pool";

    private InContainerDeployment() {
    }

    static WebArchive onH2(Class<?>... testClasses) {
        Path data = dataDirectory("h2");
        String url = "jdbc:h2:file:" + data.resolve("database").resolve("vestibule")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        Properties settings = new Properties();
        prepare(data, "org.h2.jdbcx.JdbcDataSource", url, "vestibule", null, settings);
        return archive(testClasses);
    }

    /** A database of its own on the machine's PostgreSQL, dropped when the test JVM ends. */
    static WebArchive onPostgres(Class<?>... testClasses) {
        PostgresDatabase database = PostgresDatabase.create();
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop " + database.name()));
        Path data = dataDirectory("postgresql");
        String password = database.settings().get("VESTIBULE_DB_PASSWORD");
        prepare(data, "org.postgresql.ds.PGSimpleDataSource", database.url(), database.name(), password, new Properties());
        return archive(testClasses);
    }

    private static WebArchive archive(Class<?>... testClasses) {
        Path war = TARGET.resolve("vestibule.war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: in-container tests run after `package` (./mvnw verify)");
        }
        // A name of its own: the adapter copies the archive into a temporary folder it never deletes, and this
        // name tells that folder apart from those of other builds on the machine, so the copy goes with the JVM.
        String name = "vestibule-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)) + ".war";
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAdapterCopy(name), "delete " + name));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, name).importFrom(war.toFile()).as(WebArchive.class);
        archive.addClasses(JoinPathContract.class, InContainer.class, RequiresPostgres.class, RequiredParts.class, PostgresDatabase.class);
        archive.addClasses(testClasses);
        return archive;
    }

    private static void deleteAdapterCopy(String archiveName) {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> folders = Files.list(temporary)) {
            for (Path folder : folders.filter(path -> path.getFileName().toString().startsWith("arquillian-payara-micro")
                    && Files.exists(path.resolve("deployments").resolve(archiveName))).toList()) {
                try (Stream<Path> tree = Files.walk(folder)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("Could not delete the adapter's copy of " + archiveName + ": " + e);
        }
    }

    private static Path dataDirectory(String database) {
        Path data = FILES.resolve(database + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)));
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return data;
    }

    private static void prepare(Path data, String dataSourceClass, String url, String user, String password, Properties settings) {
        int port = FreePorts.next();
        settings.setProperty("payaramicro.port", Integer.toString(port));
        settings.setProperty("vestibule.data.dir", data.toAbsolutePath().toString());
        // The routing filter serves the portal on vestibule.https.port only: here that is Micro's plain HTTP port,
        // where the Arquillian servlet is called. Nothing listens on the admin port.
        settings.setProperty("vestibule.https.port", Integer.toString(port));
        settings.setProperty("vestibule.admin.port", Integer.toString(FreePorts.next()));
        settings.setProperty("vestibule.public.url", "http://127.0.0.1:" + port + "/");
        settings.setProperty(IN_CONTAINER, "true");
        if (password != null) {
            settings.setProperty("vestibule.internal.db-password", password);
        }

        String poolProperty = "set resources.jdbc-connection-pool." + POOL + ".property.";
        List<String> commands = new ArrayList<>(List.of(
                "set configs.config.server-config.phone-home-runtime-configuration.enabled=false",
                "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false",
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1",
                "create-jdbc-connection-pool --datasourceclassname=" + dataSourceClass
                        + " --restype=javax.sql.DataSource --steadypoolsize=2 --maxpoolsize=32 --isconnectvalidatereq=true"
                        + " --validationmethod=auto-commit --failconnection=true " + POOL,
                poolProperty + "URL=" + url,
                poolProperty + "user=" + user,
                poolProperty + "password=" + (password == null ? "()" : "${vestibule.internal.db-password}"),
                "create-jdbc-resource --connectionpoolid=" + POOL + " jdbc/vestibule"));
        try {
            Files.createDirectories(FILES);
            try (var out = Files.newBufferedWriter(FILES.resolve("micro.properties"))) {
                settings.store(out, "Written by InContainerDeployment for one Payara Micro start");
            }
            Files.write(FILES.resolve("preboot.asadmin"), commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the calling code runs: in the Payara Micro that Arquillian started, or in the test JVM. */
    static final class InContainer {
        private InContainer() {
        }

        static boolean now() {
            return Boolean.getBoolean(IN_CONTAINER);
        }
    }

    /**
     * Skips the class loudly without PostgreSQL (fails under {@code VESTIBULE_TEST_REQUIRE_ALL=true}), before
     * anything is deployed; in the container, where the class already runs, it always lets the tests run.
     */
    static final class RequiresPostgres implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (InContainer.now()) {
                return ConditionEvaluationResult.enabled("deployed, so the database exists");
            }
            try {
                RequiredParts.require(PostgresDatabase.available(), "PostgreSQL at 127.0.0.1:5432",
                        "Install and start PostgreSQL with trust authentication for the postgres user on 127.0.0.1.");
            } catch (TestAbortedException skipped) {
                return ConditionEvaluationResult.disabled(skipped.getMessage());
            }
            return ConditionEvaluationResult.enabled("PostgreSQL is available");
        }
    }
}
