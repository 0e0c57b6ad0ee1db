package io.vestibule.crypto.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;

/**
 * The one list of the certificate files and stores the service uses, which the certificate expiry alarms and the crypto
 * policy report both read, so that neither can leave out what the other watches: the listeners' chain as the launcher
 * published it for this run (configured PEM or self-signed; the portal and the admin listener share it), the demo
 * directory's certificate when the demo runs, the administrators' client CA file, the trust files of the directory,
 * single sign-on and syslog when set, and the trust store's CA certificates. Each is read again at every call, so that a
 * replaced file counts.
 */
public final class CertificatesInUse {
    public static final String LISTENERS = "listeners";
    public static final String DEMO_DIRECTORY = "demo_directory";
    public static final String ADMIN_CLIENT_CA = "admin_client_ca";
    public static final String DIRECTORY_TRUST = "directory_trust";
    public static final String PROVIDER_TRUST = "provider_trust";
    public static final String SYSLOG_TRUST = "syslog_trust";
    public static final String TRUST_STORE = "trust_store";

    /** Whether the service shows the certificates to its peers or trusts them to check theirs. */
    public enum Role { PRESENTED, TRUSTED }

    /** Reads a source's certificates; a missing or unreadable file is an {@link IOException}. */
    @FunctionalInterface
    public interface Reader {
        List<X509Certificate> read() throws IOException;
    }

    /**
     * One use of certificates.
     *
     * @param name      a stable name ({@link #LISTENERS}, {@link #TRUST_STORE}, ...)
     * @param alarmName how expiry alarms name the use; kept as it was, since raised alarms are found again by it
     * @param origin    where the certificates come from, for the report and the log: a setting and its file, a store
     */
    public record Source(String name, String alarmName, String origin, Role role, Reader reader) {
        public List<X509Certificate> read() throws IOException {
            return reader.read();
        }
    }

    private final List<Source> sources;

    public CertificatesInUse(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * The sources of this configuration: {@code settings} answers a setting's value by its key ({@code
     * vestibule.ldap.trust-file}), blank values counting as unset.
     */
    public static CertificatesInUse of(Function<String, Optional<String>> settings, Path dataDirectory, CaTrustStore trustStore) {
        Function<String, Optional<String>> set = key -> settings.apply(key).map(String::strip).filter(value -> !value.isEmpty());
        List<Source> sources = new ArrayList<>();
        Path tls = dataDirectory.resolve("tls");
        Path published = tls.resolve("https-certificate.pem");
        sources.add(new Source(LISTENERS, "the portal and admin listeners",
                set.apply("vestibule.tls.cert.file").map(file -> "VESTIBULE_TLS_CERT_FILE (" + file + ")").orElse("self-signed, kept in the master key store"),
                Role.PRESENTED, () -> PemFiles.readCertificates(published)));
        if (set.apply("vestibule.demo").map(Boolean::parseBoolean).orElse(false)) {
            Path demo = tls.resolve("demo-directory-certificate.pem");
            sources.add(new Source(DEMO_DIRECTORY, "the demo directory", "the demo directory's certificate", Role.PRESENTED,
                    () -> PemFiles.readCertificates(demo)));
        }
        file(set, sources, ADMIN_CLIENT_CA, "vestibule.admin.client.ca.file", "VESTIBULE_ADMIN_CLIENT_CA_FILE");
        file(set, sources, DIRECTORY_TRUST, "vestibule.ldap.trust-file", "VESTIBULE_LDAP_TRUST_FILE");
        file(set, sources, PROVIDER_TRUST, "vestibule.oidc.trust-file", "VESTIBULE_OIDC_TRUST_FILE");
        file(set, sources, SYSLOG_TRUST, "vestibule.syslog.ca-file", "VESTIBULE_SYSLOG_CA_FILE");
        sources.add(new Source(TRUST_STORE, "the trust store", "the trust store (admin API /trust-store)", Role.TRUSTED, trustStore::certificates));
        return new CertificatesInUse(sources);
    }

    private static void file(Function<String, Optional<String>> set, List<Source> sources, String name, String key, String environmentName) {
        set.apply(key).ifPresent(file -> {
            Path path = Path.of(file).toAbsolutePath().normalize();
            sources.add(new Source(name, environmentName, environmentName + " (" + file + ")", Role.TRUSTED, () -> PemFiles.readCertificates(path)));
        });
    }

    /** Every source, the listeners first and the trust store last. */
    public List<Source> all() {
        return sources;
    }

    /** The source of this name, absent when its setting is not set (or, for the demo directory, the demo does not run). */
    public Optional<Source> named(String name) {
        return sources.stream().filter(source -> source.name().equals(name)).findFirst();
    }
}
