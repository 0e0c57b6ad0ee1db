package io.vestibule.platform.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.CertificateRefusal;
import io.vestibule.crypto.pki.ListenerKeyStore;
import io.vestibule.crypto.pki.ListenerSwitch;
import io.vestibule.crypto.pki.OwnListeners;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An assignment reaching running listeners: two TLS server sockets on loopback built as Payara builds its listeners
 * (a key manager over the run's key store that always chooses the listener's alias, as Grizzly's {@code JSSEKeyManager}
 * does) from {@link ServerCipherSuiteOrder}'s contexts, switched by {@link ListenerSwitch} and looked at by new clients.
 */
class AssignmentWithoutRestartTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    Path directory;

    private final List<SSLServerSocket> listeners = new ArrayList<>();
    private final TestCertificates.Issued ca = TestCertificates.authority("CN=Switch Test CA");
    private final TlsIdentity portalBefore = selfSigned("CN=portal before");
    private final TlsIdentity adminBefore = selfSigned("CN=admin before");
    private final TlsIdentity caSigned = issued("CN=localhost");

    @AfterEach
    void closeListeners() throws IOException {
        for (SSLServerSocket listener : listeners) {
            listener.close();
        }
    }

    @Test
    void aNewClientGetsTheNewCertificateAtOnceAndTheOtherListenerKeepsItsOwn() throws Exception {
        ListenerKeyStore store = storeWith(portalBefore, adminBefore);
        CurrentListenerIdentities identities = new CurrentListenerIdentities(store, Clock.systemUTC());
        InetSocketAddress portal = listen(store, ListenerKeyStore.PORTAL_ALIAS, identities);
        InetSocketAddress admin = listen(store, ListenerKeyStore.ADMIN_ALIAS, identities);
        assertThat(servedLeaf(portal)).isEqualTo(portalBefore.leaf());

        new ListenerSwitch(store, new OwnListeners(Map.of("portal", portal, "admin", admin), Duration.ofSeconds(2)), Duration.ofSeconds(5),
                Clock.systemUTC()).apply(Map.of("portal", caSigned));

        assertThat(servedLeaf(portal)).isEqualTo(caSigned.leaf());
        assertThat(servedChain(portal)).containsExactly(caSigned.chain().toArray(new X509Certificate[0]));
        assertThat(servedLeaf(admin)).isEqualTo(adminBefore.leaf());
        assertThat(store.read().get(ListenerKeyStore.PORTAL_ALIAS).leaf()).isEqualTo(caSigned.leaf());
    }

    /** A listener that never looks at the file again (as Payara's would without the wrapping provider). */
    @Test
    void aListenerThatDoesNotPresentTheNewCertificateKeepsTheOldOneAndTheSwitchFails() throws Exception {
        ListenerKeyStore store = storeWith(portalBefore, adminBefore);
        InetSocketAddress portal = listen(store, ListenerKeyStore.PORTAL_ALIAS, null);
        ListenerSwitch change = new ListenerSwitch(store, new OwnListeners(Map.of("portal", portal), Duration.ofSeconds(2)),
                Duration.ofMillis(1500), Clock.systemUTC());

        assertThatThrownBy(() -> change.apply(Map.of("portal", caSigned)))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("not_served"))
                .hasMessageContaining("portal listener");

        assertThat(servedLeaf(portal)).isEqualTo(portalBefore.leaf());
        Map<String, TlsIdentity> kept = store.read();
        assertThat(kept.get(ListenerKeyStore.PORTAL_ALIAS).leaf()).isEqualTo(portalBefore.leaf());
        assertThat(kept.get(ListenerKeyStore.ADMIN_ALIAS).leaf()).isEqualTo(adminBefore.leaf());
    }

    @Test
    void aConnectionOpenBeforeTheSwitchKeepsItsSession() throws Exception {
        ListenerKeyStore store = storeWith(portalBefore, adminBefore);
        CurrentListenerIdentities identities = new CurrentListenerIdentities(store, Clock.systemUTC());
        InetSocketAddress portal = listen(store, ListenerKeyStore.PORTAL_ALIAS, identities);
        try (SSLSocket open = client(portal, new ArrayList<>())) {
            open.startHandshake();

            new ListenerSwitch(store, new OwnListeners(Map.of("portal", portal), Duration.ofSeconds(2)), Duration.ofSeconds(5),
                    Clock.systemUTC()).apply(Map.of("portal", caSigned));

            assertThat(open.isClosed()).isFalse();
            assertThat(open.getSession().isValid()).isTrue();
            assertThat(open.getSession().getPeerCertificates()[0]).isEqualTo(portalBefore.leaf());
            assertThat(servedLeaf(portal)).isEqualTo(caSigned.leaf());
        }
    }

    /**
     * Where the application's write is not announced through the shared class (another class loader), the listeners
     * still find the new file at their next look, a second later at most, and not before.
     */
    @Test
    void aFileReplacedUnannouncedIsPresentedAtTheNextLook() throws Exception {
        ListenerKeyStore store = storeWith(portalBefore, adminBefore);
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        CurrentListenerIdentities identities = new CurrentListenerIdentities(store, clock);
        String before = identities.current(ListenerKeyStore.PORTAL_ALIAS);
        ListenerKeyStore elsewhere = new ListenerKeyStore(directory.resolve("next.p12"), PASSWORD, POLICY);
        elsewhere.write(Map.of(ListenerKeyStore.PORTAL_ALIAS, caSigned, ListenerKeyStore.ADMIN_ALIAS, adminBefore));
        assertThat(identities.chain(identities.current(ListenerKeyStore.PORTAL_ALIAS)).orElseThrow()[0]).isEqualTo(portalBefore.leaf());

        Files.move(elsewhere.file(), store.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        clock.advance(Duration.ofMillis(500));
        assertThat(identities.chain(identities.current(ListenerKeyStore.PORTAL_ALIAS)).orElseThrow()[0]).isEqualTo(portalBefore.leaf());
        clock.advance(Duration.ofMillis(600));
        String after = identities.current(ListenerKeyStore.PORTAL_ALIAS);

        assertThat(identities.chain(after).orElseThrow()[0]).isEqualTo(caSigned.leaf());
        assertThat(identities.privateKey(after).orElseThrow()).isEqualTo(caSigned.privateKey());
        assertThat(identities.chain(before).orElseThrow()[0]).as("a handshake begun before keeps its version").isEqualTo(portalBefore.leaf());
    }

    /** An unknown alias (a client context's, or another key store's) is the wrapped manager's business. */
    @Test
    void aliasesOutsideTheListenersKeyStoreAreTheWrappedManagers() throws Exception {
        ListenerKeyStore store = storeWith(portalBefore, adminBefore);
        CurrentListenerIdentities identities = new CurrentListenerIdentities(store, Clock.systemUTC());
        X509KeyManager other = (X509KeyManager) keyManagers(TestCertificates.authority("CN=client").keyStore(PASSWORD))[0];

        X509ExtendedKeyManager wrapped = (X509ExtendedKeyManager) CurrentIdentityKeyManager.wrap(new KeyManager[] {other}, identities)[0];

        assertThat(wrapped.chooseClientAlias(new String[] {"EC"}, null, null)).isEqualTo("client");
        assertThat(wrapped.getPrivateKey("client")).isEqualTo(other.getPrivateKey("client"));
        assertThat(wrapped.chooseServerAlias("EC", null, null)).isEqualTo("client");
        assertThat(CurrentIdentityKeyManager.wrap(null, identities)).isNull();
    }

    private ListenerKeyStore storeWith(TlsIdentity portal, TlsIdentity admin) throws IOException {
        ListenerKeyStore store = new ListenerKeyStore(directory.resolve("https.p12"), PASSWORD, POLICY);
        store.write(Map.of(ListenerKeyStore.PORTAL_ALIAS, portal, ListenerKeyStore.ADMIN_ALIAS, admin));
        return store;
    }

    /** A listener on loopback whose context comes from the provider, with key managers as Payara makes them. */
    private InetSocketAddress listen(ListenerKeyStore store, String alias, CurrentListenerIdentities identities) throws Exception {
        KeyStore keys = KeyStore.getInstance(POLICY.keyStoreType());
        try (var in = Files.newInputStream(store.file())) {
            keys.load(in, PASSWORD);
        }
        KeyManager[] payaras = new KeyManager[] {new OneAlias((X509KeyManager) keyManagers(keys)[0], alias)};
        SSLContext context = SSLContext.getInstance("TLS", new ServerCipherSuiteOrder(POLICY.tlsCipherSuites(), identities));
        context.init(payaras, null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listeners.add(listener);
        Thread accepting = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    SSLSocket connection = (SSLSocket) listener.accept();
                    Thread serving = new Thread(() -> {
                        try {
                            connection.startHandshake();
                            connection.getInputStream().read();
                        } catch (IOException closedByTheClient) {
                            // the next client is another connection
                        } finally {
                            try {
                                connection.close();
                            } catch (IOException ignored) {
                                // closing anyway
                            }
                        }
                    });
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private static X509Certificate servedLeaf(InetSocketAddress listener) throws Exception {
        return servedChain(listener).get(0);
    }

    /** What a new client, with no session to resume, is shown. */
    private static List<X509Certificate> servedChain(InetSocketAddress listener) throws Exception {
        List<X509Certificate> seen = new ArrayList<>();
        try (SSLSocket socket = client(listener, seen)) {
            socket.startHandshake();
        }
        return seen;
    }

    private static SSLSocket client(InetSocketAddress listener, List<X509Certificate> seen) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(null, new TrustManager[] {new Recording(seen)}, null);
        Socket plain = new Socket(listener.getAddress(), listener.getPort());
        return (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", listener.getPort(), true);
    }

    private static KeyManager[] keyManagers(KeyStore keys) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
        factory.init(keys, PASSWORD);
        return factory.getKeyManagers();
    }

    private TlsIdentity issued(String subject) {
        TestCertificates.Issued leaf = TestCertificates.issue(ca, subject, null);
        return new TlsIdentity(leaf.key(), List.of(leaf.certificate(), ca.certificate()));
    }

    private static TlsIdentity selfSigned(String subject) {
        TestCertificates.Issued own = TestCertificates.authority(subject);
        return new TlsIdentity(own.key(), List.of(own.certificate()));
    }

    /** Grizzly's {@code JSSEKeyManager}: the listener's {@code cert-nickname}, whatever the key type asked. */
    private static final class OneAlias extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final String alias;

        OneAlias(X509KeyManager delegate, String alias) {
            this.delegate = delegate;
            this.alias = alias;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    /** Shows what the server presented and accepts it: these clients only look. */
    private record Recording(List<X509Certificate> seen) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.clear();
            seen.addAll(List.of(chain));
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
