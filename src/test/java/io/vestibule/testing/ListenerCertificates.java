package io.vestibule.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a new TLS client of a listener is shown: a JDK HttpClient of its own (so a new connection and a full handshake)
 * that trusts only the given certificates and checks the host name {@code localhost}, as a browser would.
 */
public final class ListenerCertificates {
    private ListenerCertificates() {
    }

    /** The leaf the listener on {@code port} presents; the request fails when the client does not trust it. */
    public static X509Certificate leaf(int port, X509Certificate... trusted) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingOnly(trusted)).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/health/live"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        return (X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    private static SSLContext trustingOnly(X509Certificate... trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trust.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
