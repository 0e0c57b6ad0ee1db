package io.vestibule.crypto.pki;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks this process's own listeners, over loopback, which certificate a new TLS client gets: a full handshake on a
 * fresh connection (no session to resume), which succeeds only when the listener presents exactly the expected leaf.
 * Nothing is sent after the handshake.
 */
public final class OwnListeners implements ListenerSwitch.ServedCertificates {
    private final Map<String, InetSocketAddress> addresses;
    private final Duration timeout;

    /** Listener name to the address this process reaches it at. */
    public OwnListeners(Map<String, InetSocketAddress> addresses, Duration timeout) {
        this.addresses = Map.copyOf(addresses);
        this.timeout = timeout;
    }

    /** The listeners the launcher named in system properties ({@link ListenerKeyStore#OWN_ADDRESS_PROPERTY}). */
    public static OwnListeners ofThisProcess(Duration timeout) {
        Map<String, InetSocketAddress> addresses = new java.util.LinkedHashMap<>();
        for (String listener : ServerCertificates.LISTENERS) {
            String address = System.getProperty(ListenerKeyStore.OWN_ADDRESS_PROPERTY + listener);
            if (address != null) {
                int colon = address.lastIndexOf(':');
                String host = address.substring(0, colon).replace("[", "").replace("]", "");
                addresses.put(listener, new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1))));
            }
        }
        return new OwnListeners(addresses, timeout);
    }

    @Override
    public boolean presents(String listener, X509Certificate leaf) {
        InetSocketAddress address = addresses.get(listener);
        if (address == null) {
            return false;
        }
        try (Socket plain = new Socket()) {
            plain.connect(address, (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new OnlyThisLeaf(leaf)}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, address.getHostString(), address.getPort(), false)) {
                socket.startHandshake();
                return true;
            }
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    /** Accepts a server whose chain starts with this certificate and no other; it is never a client's trust manager. */
    private static final class OnlyThisLeaf implements X509TrustManager {
        private final X509Certificate leaf;

        OnlyThisLeaf(X509Certificate leaf) {
            this.leaf = leaf;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(leaf)) {
                throw new CertificateException("The listener presents another certificate");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("Not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
