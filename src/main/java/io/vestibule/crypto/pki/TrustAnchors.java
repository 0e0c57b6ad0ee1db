package io.vestibule.crypto.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.vestibule.crypto.CryptoPolicy;

/** Trust managers that accept exactly the chains leading to the given certificates, for outbound TLS to one server. */
public final class TrustAnchors {
    private TrustAnchors() {
    }

    public static TrustManager[] managersFor(List<X509Certificate> anchors, CryptoPolicy policy) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(policy.keyStoreType());
        store.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
