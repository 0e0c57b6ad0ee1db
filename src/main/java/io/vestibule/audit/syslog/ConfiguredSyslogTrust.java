package io.vestibule.audit.syslog;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.TrustManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.StoreBackedTrustManager;
import io.vestibule.crypto.pki.TrustedCertificates;

/**
 * The certificates syslog servers are verified against: those of the PEM file {@code VESTIBULE_SYSLOG_CA_FILE} when
 * set (read and checked against the crypto policy at each connection, so a replaced file applies to the next one),
 * else the JVM's trust store, which the launcher provisions (the JDK's CAs without the expired ones, or {@code javax.net.ssl.trustStore});
 * in both cases plus the CAs of the {@link CaTrustStore}, read at each connection too.
 */
@ApplicationScoped
public class ConfiguredSyslogTrust implements SyslogTrust {
    static final String CA_FILE = "vestibule.syslog.ca-file";

    private Config config;
    private CryptoPolicy policy;
    private CaTrustStore store;

    @Inject
    public ConfiguredSyslogTrust(Config config, CryptoPolicy policy, CaTrustStore store) {
        this.config = config;
        this.policy = policy;
        this.store = store;
    }

    /** For CDI's client proxy only. */
    protected ConfiguredSyslogTrust() {
    }

    @Override
    public TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        Optional<Path> file = caFile();
        List<X509Certificate> configured = List.of();
        if (file.isPresent()) {
            try {
                configured = TrustedCertificates.readTrustFile(file.get(), "VESTIBULE_SYSLOG_CA_FILE", policy);
            } catch (CryptoPolicyViolation e) {
                throw new CertificateException(e.getMessage(), e);
            }
        }
        return StoreBackedTrustManager.managers(configured, store::certificates, policy);
    }

    @Override
    public String describe() {
        return caFile().map(file -> "the certificates of " + file + " (VESTIBULE_SYSLOG_CA_FILE)").orElse("the JVM's trust store")
                + " and the trust store's " + store.certificates().size() + " CA certificate(s)";
    }

    private Optional<Path> caFile() {
        return config.getOptionalValue(CA_FILE, String.class).map(String::strip).filter(text -> !text.isEmpty()).map(Path::of);
    }
}
