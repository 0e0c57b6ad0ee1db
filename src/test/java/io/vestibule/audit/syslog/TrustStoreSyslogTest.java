package io.vestibule.audit.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.MapConfig;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A syslog server whose CA is in the trust store is trusted from the next connection, without a CA file or a restart. */
class TrustStoreSyslogTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();

    @TempDir
    Path directory;

    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
    private SSLServerSocket listener;

    @AfterEach
    void stop() throws Exception {
        acceptor.shutdownNow();
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void aServerIssuedByAnImportedCaIsTrustedAtTheNextConnectionAndNoLongerOnceTheCaIsDeleted() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("CN=Syslog Test CA");
        TestCertificates.Issued leaf = TestCertificates.issue(ca, "CN=localhost", new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        listen(leaf, ca);
        CaTrustStore store = new CaTrustStore(directory.resolve("trust-store.pem"), POLICY, Clock.systemUTC());
        SyslogConnector connector = new SyslogConnector(new ConfiguredSyslogTrust(new MapConfig(Map.of()), POLICY, store), POLICY,
                Duration.ofSeconds(5));
        SyslogServer server = new SyslogServer("127.0.0.1", listener.getLocalPort(), "localhost");

        Future<?> refused = acceptOne();
        assertThatExceptionOfType(DeliveryFailure.class).isThrownBy(() -> connector.connect(server))
                .satisfies(failure -> assertThat(failure.reason()).isEqualTo(DeliveryFailure.Reason.CERTIFICATE_NOT_TRUSTED));
        refused.get(10, TimeUnit.SECONDS);

        store.importBundle(PemFiles.toPem(List.of(ca.certificate())));
        Future<?> accepted = acceptOne();
        try (SSLSocket socket = connector.connect(server)) {
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(leaf.certificate());
        }
        accepted.get(10, TimeUnit.SECONDS);

        store.delete(CaTrustStore.fingerprint(ca.certificate()));
        Future<?> refusedAgain = acceptOne();
        assertThatExceptionOfType(DeliveryFailure.class).isThrownBy(() -> connector.connect(server))
                .satisfies(failure -> assertThat(failure.reason()).isEqualTo(DeliveryFailure.Reason.CERTIFICATE_NOT_TRUSTED));
        refusedAgain.get(10, TimeUnit.SECONDS);
    }

    private void listen(TestCertificates.Issued leaf, TestCertificates.Issued ca) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("syslog", leaf.key(), "test".toCharArray(), new Certificate[] {leaf.certificate(), ca.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "test".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    /** Accepts one connection and reads until the client closes it (or refuses the handshake). */
    private Future<?> acceptOne() {
        return acceptor.submit(() -> {
            try (SSLSocket socket = (SSLSocket) listener.accept(); InputStream in = socket.getInputStream()) {
                socket.setSoTimeout(10_000);
                in.readAllBytes();
            } catch (IOException expectedWhenRefused) {
                // the client refused the certificate: the handshake fails on this side too
            }
            return null;
        });
    }
}
