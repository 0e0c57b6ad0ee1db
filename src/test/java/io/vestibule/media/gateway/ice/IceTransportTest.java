package io.vestibule.media.gateway.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IceTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private IcePorts ports;

    @BeforeEach
    void bindOnePort() throws IOException {
        ports = LoopbackMedia.bind(1);
    }

    @AfterEach
    void closePorts() {
        ports.close();
    }

    @Test
    void aBrowserConnectsOverLoopbackAndADatagramGoesEachWay() throws Exception {
        Received atGateway = new Received();
        try (IceTransport gateway = ports.newTransport(atGateway); BrowserAgent browser = new BrowserAgent()) {
            InetSocketAddress selected = connect(gateway, browser);

            browser.send(bytes("dtls client hello"));
            Datagram fromBrowser = atGateway.next();
            sendText(gateway, "dtls server hello");

            assertThat(text(fromBrowser.bytes())).isEqualTo("dtls client hello");
            assertThat(fromBrowser.from()).isEqualTo(selected);
            assertThat(text(browser.receive(WAIT))).isEqualTo("dtls server hello");
            assertThat(gateway.droppedFromUnvalidatedAddresses()).isZero();
        }
    }

    @Test
    void datagramsArriveInArraysThatAreReusedNotInANewArrayEach() throws Exception {
        Received atGateway = new Received();
        try (IceTransport gateway = ports.newTransport(atGateway); BrowserAgent browser = new BrowserAgent()) {
            connect(gateway, browser);
            int datagrams = 200;

            for (int i = 0; i < datagrams; i++) {
                browser.send(bytes("media " + i));
                assertThat(text(atGateway.next().bytes())).isEqualTo("media " + i);
            }

            // Each array goes back once its datagram is handed on: a few circulate, however many datagrams come.
            assertThat(atGateway.arrays).hasSizeLessThan(DatagramBuffers.KEPT / 4);
        }
    }

    @Test
    void twoParticipantsOnTheOnePortReceiveOnlyTheirOwnPackets() throws Exception {
        Received atAlice = new Received();
        Received atBob = new Received();
        try (IceTransport alice = ports.newTransport(atAlice); IceTransport bob = ports.newTransport(atBob);
                BrowserAgent aliceBrowser = new BrowserAgent(); BrowserAgent bobBrowser = new BrowserAgent()) {
            assertThat(alice.local().candidates()).isEqualTo(bob.local().candidates());
            assertThat(alice.local().ufrag()).isNotEqualTo(bob.local().ufrag());
            connect(alice, aliceBrowser);
            connect(bob, bobBrowser);

            aliceBrowser.send(bytes("from alice"));
            bobBrowser.send(bytes("from bob"));
            sendText(alice, "to alice");
            sendText(bob, "to bob");

            assertThat(text(atAlice.next().bytes())).isEqualTo("from alice");
            assertThat(text(atBob.next().bytes())).isEqualTo("from bob");
            assertThat(text(aliceBrowser.receive(WAIT))).isEqualTo("to alice");
            assertThat(text(bobBrowser.receive(WAIT))).isEqualTo("to bob");
            assertThat(atAlice.queue).isEmpty();
            assertThat(atBob.queue).isEmpty();
        }
    }

    @Test
    void aBrowserWhosePasswordIsNotTheOneItsSdpGaveNeverConnects() throws Exception {
        Received atGateway = new Received();
        try (IceTransport gateway = ports.newTransport(atGateway); BrowserAgent browser = new BrowserAgent()) {
            gateway.setRemoteCredentials(browser.ufrag(), "not-the-browsers-password");
            gateway.start();
            browser.connectTo(gateway.local());

            assertThat(gateway.ended().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(IceEnd.CHECKS_FAILED);
            assertThatThrownBy(() -> gateway.connected().get()).hasCauseInstanceOf(IceFailure.class);
            assertThat(ports.openTransports()).isZero();
        }
    }

    @Test
    void aClosedTransportEndsAndItsUfragIsNoLongerAnsweredOnThePort() throws Exception {
        IceTransport closed = ports.newTransport(new Received());
        LocalIceDescription closedDescription = closed.local();
        closed.close();

        assertThat(closed.ended()).isCompletedWithValue(IceEnd.CLOSED);
        assertThat(ports.openTransports()).isZero();
        assertThatThrownBy(() -> sendText(closed, "late")).isInstanceOf(IOException.class);

        try (IceTransport live = ports.newTransport(new Received()); DatagramSocket probe = loopbackSocket()) {
            live.setRemoteCredentials("tester", "a-password-for-the-tester-0");
            live.start();
            StunBindingRequest toClosed = StunBindingRequest.signed(closedDescription.ufrag(), closedDescription.password());
            StunBindingRequest toLive = StunBindingRequest.signed(live.local().ufrag(), live.local().password());
            // ice4j ties a source address to the ufrag of its first request: had the closed ufrag still been
            // registered, the second request would have gone to the closed agent and never been answered.
            sendTo(probe, toClosed.bytes());
            sendTo(probe, toLive.bytes());

            byte[] response = new byte[1500];
            DatagramPacket packet = new DatagramPacket(response, response.length);
            probe.receive(packet);
            assertThat(toLive.isAnsweredBy(response, packet.getLength())).isTrue();
            assertThat(StunBindingRequest.messageType(response)).isEqualTo(StunBindingRequest.SUCCESS_RESPONSE);
        }
    }

    @Test
    void datagramsFromAnAddressIceDidNotValidateAreDropped() throws Exception {
        Received atGateway = new Received();
        try (IceTransport gateway = ports.newTransport(atGateway); BrowserAgent browser = new BrowserAgent();
                DatagramSocket rogue = loopbackSocket()) {
            connect(gateway, browser);

            // An unsigned request with our ufrag is enough for ice4j to route the sender's later payload to us.
            sendTo(rogue, StunBindingRequest.unsigned(gateway.local().ufrag()).bytes());
            sendTo(rogue, bytes("injected"));
            browser.send(bytes("genuine"));

            // The port's one thread handles datagrams in arrival order: the injected one was judged before this one.
            assertThat(text(atGateway.next().bytes())).isEqualTo("genuine");
            assertThat(atGateway.queue).isEmpty();
            assertThat(gateway.droppedFromUnvalidatedAddresses()).isEqualTo(1);
        }
    }

    @Test
    void aPeerThatFallsSilentEndsTheTransportWhenConsentExpires() throws Exception {
        try (IceTransport gateway = ports.newTransport(new Received())) {
            BrowserAgent browser = new BrowserAgent();
            connect(gateway, browser);

            browser.close();

            assertThat(gateway.ended().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(IceEnd.CONSENT_EXPIRED);
            assertThat(ports.openTransports()).isZero();
        }
    }

    @Test
    void checksCannotStartWithoutTheBrowsersCredentials() throws IOException {
        try (IceTransport gateway = ports.newTransport(new Received())) {
            assertThatThrownBy(gateway::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theLocalDescriptionOffersTheSharedPortWithCredentialsLongEnoughForRfc8839() throws IOException {
        try (IceTransport gateway = ports.newTransport(new Received())) {
            LocalIceDescription local = gateway.local();
            int port = ports.localAddresses().get(0).getPort();

            assertThat(local.ufrag()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(local.password()).hasSizeGreaterThanOrEqualTo(22);
            assertThat(local.candidates()).singleElement().asString()
                    .startsWith("candidate:").endsWith(" 1 udp " + CandidateLine.parse(local.candidates().get(0)).orElseThrow().priority()
                            + " 127.0.0.1 " + port + " typ host");
            assertThat(local.sdpAttributes()).containsExactly("a=ice-ufrag:" + local.ufrag(), "a=ice-pwd:" + local.password(),
                    "a=" + local.candidates().get(0));
        }
    }

    @Test
    void candidatesCarryTheAdvertisedAddressWhenOneIsSet() throws Exception {
        MediaSettings settings = LoopbackMedia.settings(1, Optional.of(InetAddress.getByName("192.0.2.10")));
        try (IcePorts natted = IcePorts.bind(settings); IceTransport gateway = natted.newTransport(new Received())) {
            assertThat(gateway.local().candidates()).singleElement().asString()
                    .endsWith(" 192.0.2.10 " + settings.firstPort() + " typ host");
        }
    }

    private static InetSocketAddress connect(IceTransport gateway, BrowserAgent browser) throws Exception {
        gateway.setRemoteCredentials(browser.ufrag(), browser.password());
        gateway.start();
        browser.connectTo(gateway.local());
        InetSocketAddress selected = gateway.connected().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        browser.completed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return selected;
    }

    private static DatagramSocket loopbackSocket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private void sendTo(DatagramSocket socket, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, ports.localAddresses().get(0)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sendText(IceTransport transport, String text) throws IOException {
        byte[] datagram = bytes(text);
        transport.send(datagram, 0, datagram.length);
    }

    private static String text(byte[] datagram) {
        assertThat(datagram).as("a datagram within " + WAIT).isNotNull();
        return new String(datagram, StandardCharsets.UTF_8);
    }

    private record Datagram(byte[] bytes, InetSocketAddress from) {
    }

    private static final class Received implements DatagramListener {
        final BlockingQueue<Datagram> queue = new LinkedBlockingQueue<>();

        final Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());

        @Override
        public void received(byte[] datagram, int offset, int length, InetSocketAddress from) {
            arrays.add(datagram);
            queue.add(new Datagram(Arrays.copyOfRange(datagram, offset, offset + length), from));
        }

        Datagram next() throws InterruptedException {
            Datagram datagram = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(datagram).as("a datagram within " + WAIT).isNotNull();
            return datagram;
        }
    }
}
