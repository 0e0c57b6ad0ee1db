package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;

import io.vestibule.crypto.pki.PemFiles;

/**
 * The running services the integration tests share: one on the embedded database and one on PostgreSQL, each
 * started at first use and stopped when the whole test run ends.
 */
public final class Servers {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Servers.class);

    private Servers() {
    }

    /**
     * The settings of {@link OnSeveralSettings}'s service, one start for the classes that once each started a service
     * of their own: signed-in invitees skip the guest PIN ({@code InviteesSkipGuestPinIT}); join tokens last 30 s
     * with no clock skew allowed ({@code UnrefreshedTokenSocketIT}). A setting joins them only if no test of another
     * class on this service is affected by it.
     */
    public static final Map<String, String> SEVERAL_SETTINGS = Map.of(
            "VESTIBULE_JOIN_INVITEES_SKIP_GUEST_PIN", "true",
            "VESTIBULE_JOIN_TOKEN_LIFETIME_SECONDS", "30",
            "VESTIBULE_JOIN_CLOCK_SKEW_SECONDS", "0");

    public static VestibuleServer embedded(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("embedded",
                key -> VestibuleServer.start("embedded", Map.of(), () -> { }), VestibuleServer.class);
    }

    public static VestibuleServer severalSettings(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("several-settings",
                key -> VestibuleServer.start("several-settings", SEVERAL_SETTINGS, () -> { }), VestibuleServer.class);
    }

    /** The shared servers started so far and still running (a test may stop the full-disk one), without starting any. */
    static List<VestibuleServer> started(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return Stream.of("embedded", "postgres", "several-settings", "full-disks", "admin-client-ca").map(name -> store.get(name, VestibuleServer.class))
                .filter(Objects::nonNull).map(VestibuleServer::latest).filter(VestibuleServer::running).toList();
    }

    public static VestibuleServer postgres(ExtensionContext context) {
        RequiredParts.require(PostgresDatabase.available(), "PostgreSQL at 127.0.0.1:5432",
                "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("postgres", key -> {
            PostgresDatabase database = PostgresDatabase.create();
            try {
                return VestibuleServer.start("postgres", database.settings(), database::close);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }, VestibuleServer.class);
    }

    /**
     * The settings of {@link OnFullDisks}'s service, the union of what its tests once started a service each with: an
     * alarm when the audit files' disk has less than 64 KiB free ({@code AuditFilesIT}); the media gateway's AES-CM
     * off at start-up ({@code MediaSettingsIT}, which reads it before any administrator saved the media settings: no
     * other test on this service saves them). The key rotations ({@code KeyRotationIT}) and the call-record journal's
     * full disk ({@code CallJournalDiskFullIT}) need none.
     */
    public static final Map<String, String> FULL_DISKS_SETTINGS = Map.of(
            "VESTIBULE_AUDIT_FILES_FREE_SPACE_ALARM_BYTES", "65536",
            "VESTIBULE_MEDIA_ALLOW_AES_CM", "false");

    /**
     * The folders of {@link #fullDisks}'s data directory that each have a tmpfs of their own, and its size. A test
     * fills one with a file of its own ({@link Tmpfs#fill}, {@link Tmpfs#fillLeaving}) and deletes it when it ends.
     */
    private static final Map<String, String> FULL_DISK_FOLDERS = Map.of("audit", "1m", "keys", "256k", "cdr-journal", "16m");

    /**
     * The service for the tests of a full disk, and of a restart: one start for the classes that once each started a
     * service on a data directory with one folder on a tmpfs, or started one only to restart it, and for
     * {@code AdminAuditorBrowserIT}, which needs a service without a local administrator until its last test makes one
     * (the others sign in as the directory's administrators only). A test that restarts
     * it ({@link VestibuleServer#restart}) leaves the restarted service to the next; a test that must see it stopped
     * cleanly (the audit files' last checkpoint) stops it itself, and the next test that asks for it gets a new one.
     */
    public static VestibuleServer fullDisks(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        VestibuleServer server = store.getOrComputeIfAbsent("full-disks", key -> startOnFullDisks(), VestibuleServer.class).latest();
        if (server.running()) {
            return server;
        }
        store.remove("full-disks", VestibuleServer.class).close();
        return store.getOrComputeIfAbsent("full-disks", key -> startOnFullDisks(), VestibuleServer.class);
    }

    private static VestibuleServer startOnFullDisks() {
        List<Tmpfs> mounted = new ArrayList<>();
        Runnable unmount = () -> mounted.forEach(Tmpfs::close);
        try {
            Path data = Files.createTempDirectory("vestibule-it-full-disks-");
            for (Map.Entry<String, String> folder : FULL_DISK_FOLDERS.entrySet()) {
                mounted.add(Tmpfs.mount(Files.createDirectories(data.resolve(folder.getKey())), folder.getValue()));
            }
            return VestibuleServer.start("full-disks", FULL_DISKS_SETTINGS, VestibuleServer.README_JVM_OPTIONS, data, unmount);
        } catch (IOException e) {
            unmount.run();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            unmount.run();
            throw e;
        }
    }

    /** The authority of {@link OnAdminClientCa}'s service's client CA file: administrators' certificates are issued by it. */
    public static final TestCertificates.Issued ADMIN_CLIENT_CA = TestCertificates.authority("CN=Vestibule admin CA");
    /** A certificate of the first administrator that the service's CRL file lists as revoked. */
    public static final TestCertificates.Issued REVOKED_ADMIN_CERTIFICATE = TestCertificates.administrator(ADMIN_CLIENT_CA, "admin",
            Optional.empty());
    /**
     * A second CA of that client CA file, of which the CRL file holds no CRL; its certificates name no distribution
     * point or responder, so only a CRL imported into the trust store can answer for them.
     */
    public static final TestCertificates.Issued ADMIN_CLIENT_STORE_CA = TestCertificates.authority("CN=Vestibule admin CA 2");
    /** The password of the bootstrap administrator {@code admin} of {@link OnAdminClientCa}'s service, expired at start. */
    public static final String ADMIN_CLIENT_CA_BOOTSTRAP_PASSWORD = "Bootstrap-Pass-2026!";

    /**
     * The service whose admin listener asks for client certificates ({@code VESTIBULE_ADMIN_CLIENT_CA_FILE}: {@link
     * #ADMIN_CLIENT_CA}, with a CRL file revoking {@link #REVOKED_ADMIN_CERTIFICATE}) and whose bootstrap administrator
     * must change its password first: one start for {@code AdminApiIT}, which changes that password, and
     * {@code AdminListenerIT}'s handshakes, which sign nobody in.
     */
    public static VestibuleServer adminClientCa(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("admin-client-ca", key -> startWithAdminClientCa(),
                VestibuleServer.class);
    }

    private static VestibuleServer startWithAdminClientCa() {
        try {
            Path caFile = Files.createTempFile("admin-client-ca", ".pem");
            Files.writeString(caFile, PemFiles.toPem(List.of(ADMIN_CLIENT_CA.certificate(), ADMIN_CLIENT_STORE_CA.certificate())), StandardCharsets.US_ASCII);
            // The test certificates name no CRL distribution point or OCSP responder: the CRL file answers for them.
            Path crlFile = Files.createTempFile("admin-client-crl", ".pem");
            Files.writeString(crlFile, TestCertificates.crlPem(TestCertificates.crl(ADMIN_CLIENT_CA, Instant.now().minusSeconds(60),
                    Instant.now().plus(Duration.ofDays(1)), REVOKED_ADMIN_CERTIFICATE.certificate().getSerialNumber())), StandardCharsets.US_ASCII);
            Runnable deleteFiles = () -> {
                try {
                    Files.deleteIfExists(caFile);
                    Files.deleteIfExists(crlFile);
                } catch (IOException e) {
                    // Temporary files; the operating system cleans what remains.
                }
            };
            return VestibuleServer.start("admin-client-ca", Map.of(
                    "VESTIBULE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_CLIENT_CA_BOOTSTRAP_PASSWORD,
                    "VESTIBULE_ADMIN_CLIENT_CA_FILE", caFile.toString(),
                    "VESTIBULE_ADMIN_CLIENT_CRL_FILE", crlFile.toString()), deleteFiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
