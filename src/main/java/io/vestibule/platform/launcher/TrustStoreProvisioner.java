package io.vestibule.platform.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.PrivateFiles;

/**
 * Trust stores written for this run. The CA certificates the service trusts for its outbound TLS connections
 * (directory, identity provider): the JDK's own list, maintained with the JDK, without the entries that have
 * expired. Payara would otherwise use the copy inside its distribution, older than the JDK's, and dump every
 * expired certificate at each start. And the certificates the admin listener accepts client certificates from.
 */
final class TrustStoreProvisioner {
    private final CryptoPolicy policy;

    TrustStoreProvisioner(CryptoPolicy policy) {
        this.policy = policy;
    }

    /** Writes the current, unexpired CA certificates of {@code source} to {@code target}; returns how many. */
    int publish(Path source, char[] sourcePassword, Path target, char[] targetPassword, Instant now) {
        try (InputStream in = Files.newInputStream(source)) {
            KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
            jdk.load(in, sourcePassword);
            KeyStore current = KeyStore.getInstance(policy.keyStoreType());
            current.load(null, null);
            for (String alias : Collections.list(jdk.aliases())) {
                Certificate certificate = jdk.getCertificate(alias);
                if (jdk.isCertificateEntry(alias) && certificate instanceof X509Certificate x509
                        && now.isBefore(x509.getNotAfter().toInstant())) {
                    current.setCertificateEntry(alias, certificate);
                }
            }
            write(current, target, targetPassword);
            return current.size();
        } catch (IOException | GeneralSecurityException e) {
            throw new LaunchFailure("Cannot prepare the trust store from " + source + ": " + e.getMessage(), e);
        }
    }

    /** Writes exactly these certificates to {@code target} as trusted entries. */
    void publish(List<X509Certificate> certificates, Path target, char[] targetPassword) {
        try {
            KeyStore store = KeyStore.getInstance(policy.keyStoreType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + (i + 1), certificates.get(i));
            }
            write(store, target, targetPassword);
        } catch (IOException | GeneralSecurityException e) {
            throw new LaunchFailure("Cannot write the trust store " + target + ": " + e.getMessage(), e);
        }
    }

    private static void write(KeyStore store, Path target, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        PrivateFiles.writeAtomically(target, bytes.toByteArray());
    }

    /** The JDK's default CA certificates file. */
    static Path jdkDefault() {
        return Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    }
}
