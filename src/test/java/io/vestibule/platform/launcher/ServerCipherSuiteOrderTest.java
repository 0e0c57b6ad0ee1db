package io.vestibule.platform.launcher;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engines of {@link ServerCipherSuiteOrder}'s contexts, configured the way Grizzly configures a listener's (a new
 * {@link SSLParameters}, so no server order, and the policy's suites in another order), against a JDK client in memory.
 */
class ServerCipherSuiteOrderTest {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final String AES_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String AES_256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";

    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final TestCertificates.Issued identity = TestCertificates.authority("CN=localhost");

    @Test
    void theServerChoosesThePolicysFirstSuiteWhenTheClientOffersAWorseOneFirst() throws Exception {
        SSLEngine server = grizzlyLikeServer(ordered(), "TLSv1.2");

        String negotiated = handshake(client("TLSv1.2", AES_128, AES_256), server);

        assertThat(policy.tlsCipherSuites().indexOf(AES_256)).isLessThan(policy.tlsCipherSuites().indexOf(AES_128));
        assertThat(negotiated).isEqualTo(AES_256);
    }

    @Test
    void tls13FollowsThePolicysOrderToo() throws Exception {
        SSLEngine server = grizzlyLikeServer(ordered(), "TLSv1.3");

        String negotiated = handshake(client("TLSv1.3", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"), server);

        assertThat(negotiated).isEqualTo(policy.tlsCipherSuites().get(0)).isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    /** Why the provider exists: the JDK's own engine, configured alike, follows the client. */
    @Test
    void withoutTheProviderTheClientsOrderWins() throws Exception {
        SSLEngine server = grizzlyLikeServer(initialized(SSLContext.getInstance("TLS", "SunJSSE")), "TLSv1.2");

        assertThat(handshake(client("TLSv1.2", AES_128, AES_256), server)).isEqualTo(AES_128);
    }

    /** Grizzly's ALPN support finds a connection by its engine: the selector must be handed the engine Grizzly holds. */
    @Test
    void theApplicationProtocolSelectorSeesTheEngineItWasSetOn() throws Exception {
        SSLEngine server = grizzlyLikeServer(ordered(), "TLSv1.3");
        AtomicReference<SSLEngine> seen = new AtomicReference<>();
        server.setHandshakeApplicationProtocolSelector((engine, offered) -> {
            seen.set(engine);
            return offered.contains("h2") ? "h2" : "";
        });
        SSLEngine client = client("TLSv1.3", "TLS_AES_256_GCM_SHA384");
        SSLParameters alpn = client.getSSLParameters();
        alpn.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        client.setSSLParameters(alpn);

        handshake(client, server);

        assertThat(seen.get()).isSameAs(server);
        assertThat(server.getApplicationProtocol()).isEqualTo("h2");
    }

    private SSLContext ordered() throws Exception {
        ServerCipherSuiteOrder provider = new ServerCipherSuiteOrder(policy.tlsCipherSuites());
        return initialized(SSLContext.getInstance("TLS", provider));
    }

    private SSLContext initialized(SSLContext context) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.keyStore(PASSWORD), PASSWORD);
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** As Grizzly does it: a fresh SSLParameters holding the policy's suites in reverse, a hash set's order standing in. */
    private SSLEngine grizzlyLikeServer(SSLContext context, String protocol) {
        SSLEngine engine = context.createSSLEngine();
        List<String> suites = new ArrayList<>(policy.tlsCipherSuites());
        Collections.reverse(suites);
        SSLParameters parameters = new SSLParameters(suites.toArray(String[]::new), new String[] {protocol});
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        return engine;
    }

    private SSLEngine client(String protocol, String... suitesInOrder) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", identity.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(null, trust.getTrustManagers(), null);
        SSLEngine engine = context.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.setEnabledCipherSuites(suitesInOrder);
        return engine;
    }

    /** Runs both engines until both finished the handshake; returns the suite they agreed on. */
    private static String handshake(SSLEngine client, SSLEngine server) throws Exception {
        int size = 1 << 17;
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer sink = ByteBuffer.allocate(size);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 50 && !(finished(client) && finished(server)); round++) {
            step(client, empty, toServer, toClient, sink);
            step(server, empty, toClient, toServer, sink);
        }
        assertThat(finished(client) && finished(server)).as("the handshake finished").isTrue();
        assertThat(client.getSession().getCipherSuite()).isEqualTo(server.getSession().getCipherSuite());
        return server.getSession().getCipherSuite();
    }

    private static boolean finished(SSLEngine engine) {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || status == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** Feeds the engine what its peer wrote and lets it write; runs its delegated tasks. */
    private static void step(SSLEngine engine, ByteBuffer empty, ByteBuffer outgoing, ByteBuffer incoming, ByteBuffer sink)
            throws Exception {
        incoming.flip();
        while (incoming.hasRemaining()) {
            SSLEngineResult result = engine.unwrap(incoming, sink);
            runTasks(engine);
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
                break;
            }
        }
        incoming.compact();
        while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            engine.wrap(empty, outgoing);
            runTasks(engine);
        }
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
