package io.vestibule.media.gateway.dtls;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.KeyAgreement;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.SRTPProtectionProfile;

import io.vestibule.crypto.CryptoPolicy;

/**
 * A join storm's DTLS ({@code ./mvnw -Pbenchmark-media verify}, issue 15): complete handshakes per second, the
 * gateway's endpoint against browser-like Bouncy Castle clients in the same process (so both ends share the 2 cores),
 * four at a time; beside them, measured in the same run, the public-key operations one handshake costs each end: an
 * ECDH P-256 key pair and agreement, an ECDSA P-256 signature and a verification.
 */
public final class DtlsHandshakeBenchmark {
    private static final int HANDSHAKES = Integer.getInteger("benchmark.handshakes", 400);
    private static final int AT_ONCE = 4;
    private static final int OPERATIONS = 2_000;
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] BROWSER_SUITES = {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384};
    private static final int[] BROWSER_PROFILES = {SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM};

    private DtlsHandshakeBenchmark() {
    }

    /** The figures as a Markdown paragraph and table. */
    public static String report() throws Exception {
        GatewayCertificate gateway = GatewayCertificate.generate(POLICY, RANDOM, Clock.systemUTC());
        GatewayCertificate browser = GatewayCertificate.generate(POLICY, RANDOM, Clock.systemUTC());
        handshakesPerSecond(gateway, browser, HANDSHAKES / 4);
        double rate = handshakesPerSecond(gateway, browser, HANDSHAKES);
        double keyPairAndAgreement = micros(DtlsHandshakeBenchmark::ecdh);
        double signature = micros(DtlsHandshakeBenchmark::sign);
        double verification = micros(DtlsHandshakeBenchmark::verify);
        double oneEnd = keyPairAndAgreement + signature + verification;
        return String.format(Locale.ROOT, "%,d handshakes, %d at a time, both ends in one process on %d cores: %,.0f handshakes/s "
                        + "(DTLS 1.2, ECDHE-ECDSA P-256, AES-GCM, use_srtp, client certificate).%n%n"
                        + "| operation (JCA, as Bouncy Castle's TLS uses it) | µs |%n| --- | --- |%n"
                        + "| ECDH P-256 key pair and agreement | %.0f |%n| ECDSA P-256 signature | %.0f |%n| ECDSA P-256 verification | %.0f |%n"
                        + "| one end's public-key work per handshake | %.0f |%n%n"
                        + "Both ends' public-key work on %d cores allows at most %,.0f handshakes/s; the measured rate is %.0f%% of that.%n",
                HANDSHAKES, AT_ONCE, Runtime.getRuntime().availableProcessors(), rate, keyPairAndAgreement, signature, verification, oneEnd,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors() * 1e6 / (2 * oneEnd),
                100 * rate / (Runtime.getRuntime().availableProcessors() * 1e6 / (2 * oneEnd)));
    }

    private static double handshakesPerSecond(GatewayCertificate gateway, GatewayCertificate browser, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * AT_ONCE);
        ExecutorService starters = Executors.newFixedThreadPool(AT_ONCE);
        AtomicInteger established = new AtomicInteger();
        DtlsServerSettings settings = DtlsServerSettings.from(POLICY, true, Duration.ofSeconds(30));
        long began = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(CompletableFuture.runAsync(() -> {
                if (handshake(gateway, browser, settings, threads)) {
                    established.incrementAndGet();
                }
            }, starters));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double rate = established.get() / ((System.nanoTime() - began) / 1e9);
        threads.shutdownNow();
        starters.shutdownNow();
        if (established.get() != count) {
            throw new IllegalStateException(established.get() + " of " + count + " handshakes succeeded");
        }
        return rate;
    }

    private static boolean handshake(GatewayCertificate gateway, GatewayCertificate browser, DtlsServerSettings settings, ExecutorService threads) {
        DatagramQueue[] clientSide = new DatagramQueue[1];
        DtlsServerEndpoint endpoint = new DtlsServerEndpoint(settings, gateway, browser.fingerprint(),
                datagram -> clientSide[0].offer(datagram), RANDOM, POLICY);
        clientSide[0] = new DatagramQueue(endpoint::receive);
        CompletableFuture<DtlsOutcome> server = endpoint.start(threads);
        try {
            new DTLSClientProtocol().connect(new InMemoryDtlsClient(BROWSER_SUITES, null, BROWSER_PROFILES, browser), clientSide[0]);
            return server.get(30, TimeUnit.SECONDS) instanceof DtlsOutcome.Established;
        } catch (Exception e) {
            return false;
        } finally {
            endpoint.close();
        }
    }

    private interface Operation {
        void run() throws Exception;
    }

    private static double micros(Operation operation) throws Exception {
        for (int i = 0; i < OPERATIONS / 4; i++) {
            operation.run();
        }
        long began = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
            operation.run();
        }
        return (System.nanoTime() - began) / 1e3 / OPERATIONS;
    }

    private static final KeyPair PEER = keyPair();
    private static final byte[] MESSAGE = new byte[200];
    private static final byte[] SIGNATURE = signature();

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] signature() {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(PEER.getPrivate(), RANDOM);
            signer.update(MESSAGE);
            return signer.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ecdh() throws Exception {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(keyPair().getPrivate());
        agreement.doPhase(PEER.getPublic(), true);
        agreement.generateSecret();
    }

    private static void sign() throws Exception {
        signature();
    }

    private static void verify() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(PEER.getPublic());
        verifier.update(MESSAGE);
        if (!verifier.verify(SIGNATURE)) {
            throw new IllegalStateException("The signature does not verify");
        }
    }
}
