package io.vestibule.audit.alarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.pki.PemFiles;

/**
 * Where the certificates the service uses are, read again at each check so that a replaced file counts: the
 * listeners' chain as the launcher published it for this run (configured PEM or self-signed; the portal and the admin
 * listener share it), the administrators' client CA file, and the trust files of the directory, single sign-on and
 * syslog when set. A file that cannot be read is logged and skipped: whoever uses it reports that failure.
 */
public final class ServiceCertificates {
    private static final Logger LOG = Logger.getLogger(ServiceCertificates.class.getName());

    /** Each use and its PEM file. */
    private final Map<String, Path> files;

    ServiceCertificates(Map<String, Path> files) {
        this.files = Map.copyOf(files);
    }

    public static ServiceCertificates from(Config config) {
        Map<String, Path> files = new LinkedHashMap<>();
        Path data = Path.of(config.getOptionalValue("vestibule.data.dir", String.class).orElse("vestibule-data"));
        files.put("the portal and admin listeners", data.resolve("tls").resolve("https-certificate.pem"));
        if (config.getOptionalValue("vestibule.demo", String.class).map(Boolean::parseBoolean).orElse(false)) {
            files.put("the demo directory", data.resolve("tls").resolve("demo-directory-certificate.pem"));
        }
        setting(config, files, "vestibule.admin.client.ca.file", "VESTIBULE_ADMIN_CLIENT_CA_FILE");
        setting(config, files, "vestibule.ldap.trust-file", "VESTIBULE_LDAP_TRUST_FILE");
        setting(config, files, "vestibule.oidc.trust-file", "VESTIBULE_OIDC_TRUST_FILE");
        setting(config, files, "vestibule.syslog.ca-file", "VESTIBULE_SYSLOG_CA_FILE");
        return new ServiceCertificates(files);
    }

    private static void setting(Config config, Map<String, Path> files, String key, String environmentName) {
        config.getOptionalValue(key, String.class).map(String::strip).filter(file -> !file.isEmpty())
                .ifPresent(file -> files.put(environmentName, Path.of(file).toAbsolutePath().normalize()));
    }

    /** Every certificate of every file, in the order of the files. */
    public List<WatchedCertificate> read() {
        List<WatchedCertificate> certificates = new ArrayList<>();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(file -> {
            if (!Files.exists(file.getValue())) {
                LOG.warning(() -> "Certificate expiry: " + file.getValue() + " (" + file.getKey() + ") does not exist; not checked");
                return;
            }
            try {
                for (X509Certificate certificate : PemFiles.readCertificates(file.getValue())) {
                    certificates.add(new WatchedCertificate(file.getKey(), certificate));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "Certificate expiry: " + file.getValue() + " (" + file.getKey() + ") cannot be read; not checked: " + e.getMessage());
            }
        });
        return certificates;
    }
}
