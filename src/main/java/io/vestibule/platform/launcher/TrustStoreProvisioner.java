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

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.PrivateFiles;

/**
 * The CA certificates the service trusts for its outbound TLS connections (directory, identity provider): the
 * JDK's own list, maintained with the JDK, without the entries that have expired. Payara would otherwise use the
 * copy inside its distribution, older than the JDK's, and dump every expired certificate at each start.
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
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            current.store(bytes, targetPassword);
            PrivateFiles.writeAtomically(target, bytes.toByteArray());
            return current.size();
        } catch (IOException | GeneralSecurityException e) {
            throw new LaunchFailure("Cannot prepare the trust store from " + source + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's default CA certificates file. */
    static Path jdkDefault() {
        return Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    }
}
