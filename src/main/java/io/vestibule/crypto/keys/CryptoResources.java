package io.vestibule.crypto.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;
import io.vestibule.crypto.inventory.CertificatesInUse;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.ListenerKeyStore;
import io.vestibule.crypto.pki.ListenerSwitch;
import io.vestibule.crypto.pki.OwnListeners;
import io.vestibule.crypto.pki.ServerCertificates;

/**
 * Makes the boot layer's crypto objects injectable. They are plain classes on the server class path (the
 * launcher needs them before the application exists), so CDI reaches them through these producers.
 */
@ApplicationScoped
public class CryptoResources {
    /** How long a listener may take to present a newly assigned certificate; it looks at its key store once a second. */
    private static final Duration SWITCH_BOUND = Duration.ofSeconds(10);
    private static final Duration LISTENER_ANSWER = Duration.ofSeconds(3);

    @Inject
    @ConfigProperty(name = "vestibule.data.dir", defaultValue = "vestibule-data")
    String dataDirectory;

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "vestibule.keystore.password")
    Optional<String> keyStorePassword;

    /** The launcher's PEM files, which win over any assignment. */
    @Inject
    @ConfigProperty(name = "vestibule.tls.cert.file")
    Optional<String> configuredCertificateFile;

    @Resource(lookup = "jdbc/vestibule")
    DataSource dataSource;

    /** The one reading of {@code vestibule.data.dir}; everything else that needs the data directory injects this. */
    @Produces
    @Singleton
    DataDirectoryPath dataDirectory() {
        return new DataDirectoryPath(Path.of(dataDirectory));
    }

    @Produces
    @Singleton
    CryptoPolicy policy() {
        CryptoPolicy.bouncyCastle();
        return CryptoPolicy.standard();
    }

    @Produces
    @Singleton
    SecureRandom secureRandom(CryptoPolicy policy) {
        return policy.sharedSecureRandom();
    }

    @Produces
    @Singleton
    Aead aead(CryptoPolicy policy, SecureRandom random) {
        return new Aead(policy, random);
    }

    @Produces
    @Singleton
    DurableCommits durableCommits() {
        return new DurableCommits(dataSource);
    }

    @Produces
    @Singleton
    MasterKeyStore masterKeyStore(CryptoPolicy policy, SecureRandom random, DataDirectoryPath data) {
        Path keys = data.resolve("keys");
        MasterPassphrase passphrase = MasterPassphrase.resolve(keyStorePassword, keys.resolve("master.pass"), keys.resolve("master.p12"), random);
        return MasterKeyStore.openOrCreate(keys.resolve("master.p12"), passphrase, policy);
    }

    /** The administrators' CA certificates, {@code tls/trust-store.pem} in the data directory. */
    @Produces
    @Singleton
    CaTrustStore caTrustStore(CryptoPolicy policy, Clock clock, DataDirectoryPath data) {
        Path file = data.resolve("tls").resolve("trust-store.pem");
        try {
            return new CaTrustStore(file, policy, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The certificate files and stores the service uses, for the expiry alarms and the crypto policy report. */
    @Produces
    @Singleton
    CertificatesInUse certificatesInUse(CaTrustStore store, DataDirectoryPath data) {
        return CertificatesInUse.of(key -> config.getOptionalValue(key, String.class), data.path(), store);
    }

    /**
     * Assignments reach the running listeners at once, through the key store the launcher published, unless the
     * administrator's PEM files are configured: those win, so the listeners keep presenting them.
     */
    @Produces
    @Singleton
    ServerCertificates serverCertificates(MasterKeyStore store, CryptoPolicy policy, SecureRandom random, Clock clock) {
        Optional<ListenerSwitch> running = configuredCertificateFile.isPresent() ? Optional.empty()
                : ListenerKeyStore.ofThisProcess(policy).map(listeners -> new ListenerSwitch(listeners,
                        OwnListeners.ofThisProcess(LISTENER_ANSWER), SWITCH_BOUND, Clock.systemUTC()));
        return new ServerCertificates(store, policy, random, clock, running);
    }

    void close(@Disposes MasterKeyStore store) {
        store.close();
    }
}
