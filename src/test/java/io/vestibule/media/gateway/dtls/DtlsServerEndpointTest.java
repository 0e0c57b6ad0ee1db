package io.vestibule.media.gateway.dtls;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.media.gateway.SrtpProfile;
import io.vestibule.media.gateway.srtp.SrtpResult;
import io.vestibule.media.gateway.srtp.SrtpSession;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Our DTLS server against Bouncy Castle's DTLS client, each on its own thread, over in-memory datagram queues. */
class DtlsServerEndpointTest {
    /**
     * Refusals whose client, on the FIPS build's DTLS stack, sees no alert and fails only at its 20 s deadline: the
     * FIPS execution of the crypto tests leaves them out (pom.xml); the server's refusal itself is the same.
     */
    static final String REFUSED_AT_THE_CLIENTS_DEADLINE_IN_FIPS_MODE = "dtls-refusal";

    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final GatewayCertificate GATEWAY = GatewayCertificate.generate(POLICY, RANDOM, Clock.systemUTC());
    private static final GatewayCertificate BROWSER = GatewayCertificate.generate(POLICY, RANDOM, Clock.systemUTC());
    private static final GatewayCertificate OTHER_BROWSER = GatewayCertificate.generate(POLICY, RANDOM, Clock.systemUTC());

    private static final int[] BROWSER_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
    private static final int[] BROWSER_PROFILES = {
            SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM,
            SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32};
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** The two ends of one participant's association: our endpoint and the client's handshake. */
    private record Pair(DtlsServerEndpoint endpoint, DatagramQueue clientSide, CompletableFuture<DtlsOutcome> server,
                        CompletableFuture<DTLSTransport> client) {
    }

    private Pair handshake(InMemoryDtlsClient client, CertificateFingerprint expected, boolean allowAesCm) {
        return handshake(client, expected, DtlsServerSettings.from(POLICY, allowAesCm, WAIT));
    }

    /** Our endpoint and the client's side of the in-memory link to it, before either has begun. */
    private record Link(DtlsServerEndpoint endpoint, DatagramQueue clientSide) {
    }

    private static Link link(DtlsSettingsSource settings, CertificateFingerprint expected) {
        DatagramQueue[] clientSide = new DatagramQueue[1];
        DtlsServerEndpoint endpoint = new DtlsServerEndpoint(settings, GATEWAY, expected, datagram -> clientSide[0].offer(datagram), RANDOM, POLICY);
        clientSide[0] = new DatagramQueue(endpoint::receive);
        return new Link(endpoint, clientSide[0]);
    }

    /** Begins our side's handshake, then the client's, each on a thread of its own. */
    private Pair begin(Link link, InMemoryDtlsClient client) {
        CompletableFuture<DtlsOutcome> server = link.endpoint().start(threads);
        CompletableFuture<DTLSTransport> connected = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                connected.complete(new DTLSClientProtocol().connect(client, link.clientSide()));
            } catch (Exception e) {
                connected.completeExceptionally(e);
            }
        });
        return new Pair(link.endpoint(), link.clientSide(), server, connected);
    }

    private Pair handshake(InMemoryDtlsClient client, CertificateFingerprint expected, DtlsSettingsSource settings) {
        return begin(link(settings, expected), client);
    }

    private static DtlsOutcome outcome(Pair pair) throws Exception {
        return pair.server().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static InMemoryDtlsClient browser() {
        return new InMemoryDtlsClient(BROWSER_SUITES, null, BROWSER_PROFILES, BROWSER);
    }

    private static void assertRefused(Pair pair, DtlsFailure reason) throws Exception {
        DtlsOutcome outcome = outcome(pair);
        assertThat(outcome).isInstanceOf(DtlsOutcome.Refused.class);
        assertThat(((DtlsOutcome.Refused) outcome).reason()).as(outcome.toString()).isEqualTo(reason);
        assertThat(pair.client()).failsWithin(WAIT);
    }

    @Test
    void aBrowserLikeClientGetsDtls12TheStrongestSuiteAndProfileAndTheSameKeys() throws Exception {
        InMemoryDtlsClient client = browser();
        Pair pair = handshake(client, BROWSER.fingerprint(), true);

        DtlsOutcome outcome = outcome(pair);
        assertThat(pair.client()).succeedsWithin(WAIT);

        assertThat(outcome).isInstanceOf(DtlsOutcome.Established.class);
        DtlsOutcome.Established established = (DtlsOutcome.Established) outcome;
        assertThat(established.protocolVersion()).isEqualTo("DTLS 1.2");
        assertThat(established.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        assertThat(established.srtpProfile()).isEqualTo(SrtpProfile.SRTP_AEAD_AES_256_GCM);
        assertThat(established.peerFingerprint()).isEqualTo(BROWSER.fingerprint());
        assertThat(established.peerFingerprint().toSdp()).isEqualTo(BROWSER.sdpFingerprint()).startsWith("sha-256 ");
        assertThat(client.keys().profile()).isEqualTo(SrtpProfile.SRTP_AEAD_AES_256_GCM);
        assertThat(established.keyingMaterial().sameAs(client.keys())).isTrue();
        assertThat(established.toString()).doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(client.keys().serverKey()));
        assertThat(GATEWAY.fingerprint().matches(client.serverCertificate())).isTrue();
        assertThat(pair.endpoint().isOpen()).isTrue();
    }

    @Test
    void aClientWhoseCertificateIsNotTheAnnouncedOneIsRefused() throws Exception {
        Pair pair = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, BROWSER_PROFILES, OTHER_BROWSER), BROWSER.fingerprint(), true);

        assertRefused(pair, DtlsFailure.FINGERPRINT_MISMATCH);
    }

    @Test
    void theAnnouncedFingerprintMayUseAnotherAllowedHash() throws Exception {
        CertificateFingerprint sha384 = CertificateFingerprint.of("sha-384", BROWSER.certificate().getEncoded());
        Pair pair = handshake(browser(), sha384, true);

        assertThat(outcome(pair)).isInstanceOf(DtlsOutcome.Established.class);
        assertThat(((DtlsOutcome.Established) outcome(pair)).peerFingerprint()).isEqualTo(BROWSER.fingerprint());
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        Pair pair = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, BROWSER_PROFILES, null), BROWSER.fingerprint(), true);

        assertRefused(pair, DtlsFailure.NO_CLIENT_CERTIFICATE);
    }

    @Test
    @Tag(REFUSED_AT_THE_CLIENTS_DEADLINE_IN_FIPS_MODE)
    void aClientOfferingOnlyProfilesOffTheAllowListIsRefused() throws Exception {
        int[] weakProfiles = {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32, SRTPProtectionProfile.SRTP_NULL_HMAC_SHA1_80};
        Pair pair = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, weakProfiles, BROWSER), BROWSER.fingerprint(), true);

        assertRefused(pair, DtlsFailure.NO_COMMON_PROFILE);
    }

    @Test
    @Tag(REFUSED_AT_THE_CLIENTS_DEADLINE_IN_FIPS_MODE)
    void aClientOfferingNoUseSrtpIsRefused() throws Exception {
        Pair pair = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, null, BROWSER), BROWSER.fingerprint(), true);

        assertRefused(pair, DtlsFailure.NO_COMMON_PROFILE);
    }

    @Test
    @Tag(REFUSED_AT_THE_CLIENTS_DEADLINE_IN_FIPS_MODE)
    void aesCmIsRefusedWhenDisabled() throws Exception {
        int[] aesCmOnly = {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};
        Pair pair = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, aesCmOnly, BROWSER), BROWSER.fingerprint(), false);

        assertRefused(pair, DtlsFailure.NO_COMMON_PROFILE);
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void aesCmIsAcceptedWhenEnabledAndAeadStillPreferred() throws Exception {
        int[] aesCmOnly = {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};
        InMemoryDtlsClient client = new InMemoryDtlsClient(BROWSER_SUITES, null, aesCmOnly, BROWSER);
        Pair pair = handshake(client, BROWSER.fingerprint(), true);

        DtlsOutcome outcome = outcome(pair);
        assertThat(outcome).isInstanceOf(DtlsOutcome.Established.class);
        assertThat(((DtlsOutcome.Established) outcome).srtpProfile()).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(pair.client()).succeedsWithin(WAIT);
        assertThat(client.keys().profile()).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);

        int[] aesCmFirst = {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM};
        DtlsOutcome preferred = outcome(handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, aesCmFirst, BROWSER), BROWSER.fingerprint(), true));
        assertThat(((DtlsOutcome.Established) preferred).srtpProfile()).isEqualTo(SrtpProfile.SRTP_AEAD_AES_128_GCM);
    }

    /** The administrator's switch as the gateway follows it: asked again by every handshake that begins. */
    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void turningAesCmOffRefusesTheNextAesCmOnlyHandshakeWhileTheOneDoneKeepsItsProfile() throws Exception {
        AtomicBoolean allowAesCm = new AtomicBoolean(true);
        DtlsSettingsSource administered = DtlsServerSettings.following(POLICY, allowAesCm::get, WAIT);
        int[] aesCmOnly = {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};

        Pair before = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, aesCmOnly, BROWSER), BROWSER.fingerprint(), administered);
        DtlsOutcome established = outcome(before);
        assertThat(before.client()).succeedsWithin(WAIT);
        assertThat(((DtlsOutcome.Established) established).srtpProfile()).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);

        allowAesCm.set(false);
        Pair after = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, aesCmOnly, BROWSER), BROWSER.fingerprint(), administered);

        assertRefused(after, DtlsFailure.NO_COMMON_PROFILE);
        assertThat(((DtlsOutcome.Refused) outcome(after)).detail()).contains("SRTP_AEAD_AES_256_GCM").doesNotContain("AES128_CM");
        assertThat(before.endpoint().isOpen()).as("the association made before the change goes on").isTrue();
        assertThat(before.endpoint().toString()).contains("established");

        allowAesCm.set(true);
        Pair again = handshake(new InMemoryDtlsClient(BROWSER_SUITES, null, aesCmOnly, BROWSER), BROWSER.fingerprint(), administered);
        DtlsOutcome accepted = outcome(again);
        assertThat(accepted).isInstanceOf(DtlsOutcome.Established.class);
        assertThat(((DtlsOutcome.Established) accepted).srtpProfile()).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(again.client()).succeedsWithin(WAIT);
    }

    /** The setting is read when the handshake begins, not when the participant's endpoint was made for its offer. */
    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void anEndpointMadeBeforeTheChangeFollowsItWhenItsHandshakeBegins() throws Exception {
        AtomicBoolean allowAesCm = new AtomicBoolean(false);
        DtlsSettingsSource administered = DtlsServerSettings.following(POLICY, allowAesCm::get, WAIT);
        Link madeForTheOffer = link(administered, BROWSER.fingerprint());

        allowAesCm.set(true);
        Pair pair = begin(madeForTheOffer, new InMemoryDtlsClient(BROWSER_SUITES, null,
                new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, BROWSER));

        DtlsOutcome outcome = outcome(pair);
        assertThat(outcome).isInstanceOf(DtlsOutcome.Established.class);
        assertThat(((DtlsOutcome.Established) outcome).srtpProfile()).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(pair.client()).succeedsWithin(WAIT);
    }

    @ParameterizedTest
    @Tag(REFUSED_AT_THE_CLIENTS_DEADLINE_IN_FIPS_MODE)
    @ValueSource(ints = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256})
    void aClientOfferingOnlySuitesOffThePolicyIsRefused(int suite) throws Exception {
        Pair pair = handshake(new InMemoryDtlsClient(new int[] {suite}, null, BROWSER_PROFILES, BROWSER), BROWSER.fingerprint(), true);

        assertRefused(pair, DtlsFailure.NO_COMMON_SUITE);
    }

    @Test
    @Tag(REFUSED_AT_THE_CLIENTS_DEADLINE_IN_FIPS_MODE)
    void aClientOfferingOnlyGroupsOffThePolicyIsRefused() throws Exception {
        int[] x25519Only = {NamedGroup.x25519};
        Pair pair = handshake(new InMemoryDtlsClient(BROWSER_SUITES, x25519Only, BROWSER_PROFILES, BROWSER), BROWSER.fingerprint(), true);

        assertRefused(pair, DtlsFailure.NO_COMMON_GROUP);
    }

    @Test
    void aHandshakeNobodyAnswersEndsAtItsDeadline() throws Exception {
        DtlsServerEndpoint endpoint = new DtlsServerEndpoint(DtlsServerSettings.from(POLICY, true, Duration.ofMillis(300)),
                GATEWAY, BROWSER.fingerprint(), datagram -> { }, RANDOM, POLICY);

        DtlsOutcome outcome = endpoint.start(threads).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(DtlsOutcome.Refused.class);
        assertThat(((DtlsOutcome.Refused) outcome).reason()).isEqualTo(DtlsFailure.TIMEOUT);
    }

    @Test
    void closingDuringTheHandshakeEndsItAsClosed() throws Exception {
        DtlsServerEndpoint endpoint = new DtlsServerEndpoint(DtlsServerSettings.from(POLICY, true, WAIT),
                GATEWAY, BROWSER.fingerprint(), datagram -> { }, RANDOM, POLICY);
        CompletableFuture<DtlsOutcome> outcome = endpoint.start(threads);

        endpoint.close();

        assertThat(outcome).succeedsWithin(WAIT).isEqualTo(new DtlsOutcome.Refused(DtlsFailure.CLOSED, "the endpoint was closed during the handshake"));
    }

    @Test
    void garbageBeforeDuringAndAfterTheHandshakeNeverThrowsOutOfReceive() throws Exception {
        Random garbage = new Random(5764);
        Link link = link(DtlsServerSettings.from(POLICY, true, WAIT), BROWSER.fingerprint());
        DtlsServerEndpoint endpoint = link.endpoint();
        assertThatCode(() -> {
            endpoint.receive(null);
            endpoint.receive(new byte[0]);
            endpoint.receive(new byte[70_000]);
            for (int i = 0; i < 200; i++) {
                endpoint.receive(randomDatagram(garbage));
            }
        }).doesNotThrowAnyException();

        Pair pair = begin(link, browser());
        DtlsOutcome outcome = outcome(pair);

        assertThat(outcome).as("random datagrams queued before the ClientHello are discarded").isInstanceOf(DtlsOutcome.Established.class);
        assertThat(pair.client()).succeedsWithin(WAIT);
        assertThatCode(() -> {
            for (int i = 0; i < 500; i++) {
                endpoint.receive(randomDatagram(garbage));
                endpoint.receive(dtlsLookingDatagram(garbage));
            }
        }).doesNotThrowAnyException();
        assertThat(endpoint.isOpen()).as("forged records after the handshake do not end the association").isTrue();
        endpoint.close();
        assertThat(endpoint.isOpen()).isFalse();
        assertThatCode(() -> endpoint.receive(dtlsLookingDatagram(garbage))).doesNotThrowAnyException();
    }

    /**
     * Forged handshake records that reach the endpoint before the client's own can stall Bouncy Castle's handshake
     * until its deadline (the ICE layer must pass on DTLS only from the checked 5-tuple); what matters here is that
     * nothing throws and the handshake still ends, by its deadline at the latest, with a named outcome.
     */
    @Test
    void dtlsLookingGarbageDuringAHandshakeNeverThrowsAndTheHandshakeEndsByItsDeadline() throws Exception {
        Random garbage = new Random(7983);
        Pair pair = handshake(browser(), BROWSER.fingerprint(), DtlsServerSettings.from(POLICY, true, Duration.ofSeconds(2)));

        assertThatCode(() -> {
            for (int i = 0; i < 300; i++) {
                pair.endpoint().receive(dtlsLookingDatagram(garbage));
            }
        }).doesNotThrowAnyException();

        DtlsOutcome outcome = pair.server().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (outcome instanceof DtlsOutcome.Refused refused) {
            assertThat(refused.reason()).isIn(DtlsFailure.TIMEOUT, DtlsFailure.PROTOCOL_ERROR);
        }
    }

    @Test
    void keysFromTheHandshakeCarryRtpBothWays() throws Exception {
        InMemoryDtlsClient client = browser();
        Pair pair = handshake(client, BROWSER.fingerprint(), true);
        DtlsOutcome.Established established = (DtlsOutcome.Established) outcome(pair);
        assertThat(pair.client()).succeedsWithin(WAIT);
        SrtpSession gateway = SrtpSession.forDtlsServer(established.keyingMaterial());
        SrtpSession participant = SrtpSession.forDtlsClient(client.keys());
        byte[] upstream = rtp(0xAB_CD_EF_01L, 1);
        byte[] downstream = rtp(0x01_02_03_04L, 9);

        byte[] sent = ((SrtpResult.Done) participant.protectRtp(upstream, 0, upstream.length)).packet();
        SrtpResult received = gateway.unprotectRtp(sent, 0, sent.length);
        byte[] forwarded = ((SrtpResult.Done) gateway.protectRtp(downstream, 0, downstream.length)).packet();
        SrtpResult delivered = participant.unprotectRtp(forwarded, 0, forwarded.length);

        assertThat(received).isInstanceOf(SrtpResult.Done.class);
        assertThat(((SrtpResult.Done) received).packet()).isEqualTo(upstream);
        assertThat(delivered).isInstanceOf(SrtpResult.Done.class);
        assertThat(((SrtpResult.Done) delivered).packet()).isEqualTo(downstream);
    }

    private static byte[] rtp(long ssrc, int sequence) {
        byte[] packet = new byte[172];
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[3] = (byte) sequence;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }

    private static byte[] randomDatagram(Random random) {
        byte[] datagram = new byte[random.nextInt(1600)];
        random.nextBytes(datagram);
        return datagram;
    }

    /** A record header of DTLS 1.2 (handshake or alert, epoch 0 or 1) over a random body. */
    private static byte[] dtlsLookingDatagram(Random random) {
        byte[] datagram = new byte[13 + random.nextInt(300)];
        random.nextBytes(datagram);
        datagram[0] = (byte) (random.nextBoolean() ? 22 : 20 + random.nextInt(4));
        datagram[1] = (byte) 0xFE;
        datagram[2] = (byte) 0xFD;
        datagram[3] = 0;
        datagram[4] = (byte) random.nextInt(2);
        int length = datagram.length - 13;
        datagram[11] = (byte) (length >> 8);
        datagram[12] = (byte) length;
        return datagram;
    }
}
