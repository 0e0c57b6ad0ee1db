package io.vestibule.audit.syslog;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.crypto.pki.TrustAnchors;
import io.vestibule.crypto.pki.TrustedCertificates;

/**
 * The certificates syslog servers are verified against: those of the PEM file {@code VESTIBULE_SYSLOG_CA_FILE} when
 * set (read and checked against the crypto policy at each connection, so a replaced file applies to the next one),
 * else the JVM's trust store, which the launcher provisions (the JDK's CAs without the expired ones, or {@code javax.net.ssl.trustStore}).
 */
@ApplicationScoped
public class ConfiguredSyslogTrust implements SyslogTrust {
    static final String CA_FILE = "vestibule.syslog.ca-file";

    private Config config;
    private CryptoPolicy policy;

    @Inject
    public ConfiguredSyslogTrust(Config config, CryptoPolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    /** For CDI's client proxy only. */
    protected ConfiguredSyslogTrust() {
    }

    @Override
    public TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        Optional<Path> file = caFile();
        if (file.isPresent()) {
            try {
                return TrustAnchors.managersFor(TrustedCertificates.readTrustFile(file.get(), "VESTIBULE_SYSLOG_CA_FILE", policy), policy);
            } catch (CryptoPolicyViolation e) {
                throw new CertificateException(e.getMessage(), e);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return factory.getTrustManagers();
    }

    @Override
    public String describe() {
        return caFile().map(file -> "the certificates of " + file + " (VESTIBULE_SYSLOG_CA_FILE)").orElse("the JVM's trust store");
    }

    private Optional<Path> caFile() {
        return config.getOptionalValue(CA_FILE, String.class).map(String::strip).filter(text -> !text.isEmpty()).map(Path::of);
    }
}
