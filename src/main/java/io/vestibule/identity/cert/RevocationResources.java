package io.vestibule.identity.cert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;

/**
 * The revocation check of administrators' client certificates, from the configuration: the authorities of
 * {@code VESTIBULE_ADMIN_CLIENT_CA_FILE} (the launcher has checked them against the policy), the trust store's CRLs, the
 * operator's CRLs of
 * {@code VESTIBULE_ADMIN_CLIENT_CRL_FILE}, and {@code VESTIBULE_ADMIN_CLIENT_REVOCATION} ({@code fail_closed} or
 * {@code soft_fail}).
 */
@ApplicationScoped
public class RevocationResources {
    static final String CA_FILE = "vestibule.admin.client.ca.file";
    static final String CRL_FILE = "vestibule.admin.client.crl.file";
    static final String FAILURE_MODE = "vestibule.admin.client.revocation";
    /** Short, since an administrator waits on them at sign-in: a responder that slow is as good as down. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    Config config;

    /** A mistyped failure mode or a CRL file that cannot be read stops the deployment, naming the setting. */
    void checkAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        failureMode();
        Optional<Path> crls = file(CRL_FILE);
        if (crls.isPresent()) {
            try {
                OperatorCrls.read(crls.get());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("VESTIBULE_ADMIN_CLIENT_CRL_FILE " + crls.get() + " cannot be read as CRLs: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
        }
    }

    @Produces
    @Singleton
    ClientCertificateRevocation revocation(CryptoPolicy policy, Clock clock, CaTrustStore store) {
        return new ClientCertificateRevocation(authorities(), store::crls, new OperatorCrls(file(CRL_FILE)),
                new RevocationFetcher(CONNECT_TIMEOUT, EXCHANGE_TIMEOUT), policy, failureMode(), clock);
    }

    private RevocationFailureMode failureMode() {
        String name = config.getOptionalValue(FAILURE_MODE, String.class).map(String::strip).orElse(RevocationFailureMode.FAIL_CLOSED.apiName());
        return RevocationFailureMode.fromApiName(name).orElseThrow(() -> new IllegalArgumentException(
                "VESTIBULE_ADMIN_CLIENT_REVOCATION must be fail_closed or soft_fail, not " + name));
    }

    private List<X509Certificate> authorities() {
        Optional<Path> file = file(CA_FILE);
        try {
            return file.isEmpty() ? List.of() : PemFiles.readCertificates(file.get());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read VESTIBULE_ADMIN_CLIENT_CA_FILE " + file.get(), e);
        }
    }

    private Optional<Path> file(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(text -> !text.isEmpty()).map(Path::of);
    }
}
