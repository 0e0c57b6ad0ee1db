package io.vestibule.crypto.pki;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.vestibule.crypto.CryptoPolicy;

/**
 * What an outbound TLS client trusts: the certificates of its configured trust file when one is set, else the JVM's
 * CAs, and in both cases the {@link CaTrustStore}'s CAs. The store is asked at every handshake, so a certificate
 * imported or deleted applies to the next connection even of a client whose SSLContext lives as long as its pool.
 */
public final class StoreBackedTrustManager extends X509ExtendedTrustManager {
    private final List<X509Certificate> base;
    private final Supplier<List<X509Certificate>> store;
    private final CryptoPolicy policy;
    private List<X509Certificate> builtFrom;
    private X509ExtendedTrustManager delegate;

    private StoreBackedTrustManager(List<X509Certificate> base, Supplier<List<X509Certificate>> store, CryptoPolicy policy) {
        this.base = base;
        this.store = store;
        this.policy = policy;
    }

    /** {@code configured}: the client's trust file's certificates, empty when it has none (then the JVM's CAs count). */
    public static TrustManager[] managers(List<X509Certificate> configured, Supplier<List<X509Certificate>> store, CryptoPolicy policy)
            throws GeneralSecurityException, IOException {
        List<X509Certificate> base = configured.isEmpty() ? jvmAuthorities() : List.copyOf(configured);
        StoreBackedTrustManager manager = new StoreBackedTrustManager(base, store, policy);
        manager.current();
        return new TrustManager[] {manager};
    }

    private static List<X509Certificate> jvmAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> authorities = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                authorities.addAll(Arrays.asList(x509.getAcceptedIssuers()));
            }
        }
        return List.copyOf(authorities);
    }

    private synchronized X509ExtendedTrustManager current() throws CertificateException {
        List<X509Certificate> stored = store.get();
        if (delegate == null || stored != builtFrom) {
            List<X509Certificate> anchors = new ArrayList<>(base);
            anchors.addAll(stored);
            try {
                delegate = Arrays.stream(TrustAnchors.managersFor(anchors, policy)).filter(X509ExtendedTrustManager.class::isInstance)
                        .map(X509ExtendedTrustManager.class::cast).findFirst()
                        .orElseThrow(() -> new CertificateException("No X.509 trust manager for the trusted certificates"));
            } catch (GeneralSecurityException | IOException e) {
                throw new CertificateException("Cannot prepare the trusted certificates: " + e.getMessage(), e);
            }
            builtFrom = stored;
        }
        return delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        current().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        try {
            return current().getAcceptedIssuers();
        } catch (CertificateException e) {
            return new X509Certificate[0];
        }
    }
}
