package io.vestibule.testing;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS for a test client that trusts exactly the certificates of a PEM file, as a user who imports them would. */
public final class PemTrust {
    private PemTrust() {
    }

    public static SSLContext context(Path pemFile, KeyManager[] clientKeys) {
        return context(pemFile, clientKeys, new Certificate[0]);
    }

    /** As {@link #context(Path, KeyManager[])}, trusting these certificates as well (a CA a test has a listener present). */
    public static SSLContext context(Path pemFile, KeyManager[] clientKeys, Certificate... alsoTrusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : alsoTrusted) {
                trust.setCertificateEntry("also-trusted-" + i++, certificate);
            }
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pemFile)))) {
                trust.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(clientKeys, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot trust the certificates of " + pemFile, e);
        }
    }
}
