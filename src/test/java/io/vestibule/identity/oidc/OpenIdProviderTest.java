package io.vestibule.identity.oidc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The discovery document is read by one thread at a time, and the others share its outcome (issue 22, item 3). */
class OpenIdProviderTest {
    private final CountDownLatch firstRequestArrived = new CountDownLatch(1);
    private final CountDownLatch firstAnswerMayGo = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        firstAnswerMayGo.countDown();
        server.close();
    }

    @Test
    void signInsStartingWhileTheDocumentIsReadShareThatRead() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        String issuer = "http://127.0.0.1:" + server.getLocalPort() + "/realms/test";
        serveDiscovery(issuer);
        OidcSettings settings = OidcSettingsTest.settings(issuer, Duration.ofSeconds(2), Duration.ofSeconds(5));
        OpenIdProvider provider = new OpenIdProvider(settings, new ProviderConnection(settings, CryptoPolicy.standard()),
                CryptoPolicy.standard(), new TestClock(Instant.parse("2026-12-05T09:00:00Z")));
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();

        Thread first = signInStart(provider, outcomes);
        assertThat(firstRequestArrived.await(5, TimeUnit.SECONDS)).isTrue();
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(signInStart(provider, outcomes));
        }
        waitUntilAllWait(others);
        firstAnswerMayGo.countDown();
        first.join(5000);
        for (Thread other : others) {
            other.join(5000);
        }

        assertThat(outcomes).hasSize(5).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(ProviderMetadata.class));
        assertThat(requests.get()).as("one read of the document for the five sign-ins").isEqualTo(1);
    }

    private static Thread signInStart(OpenIdProvider provider, ConcurrentLinkedQueue<Object> outcomes) {
        Thread thread = new Thread(() -> {
            try {
                outcomes.add(provider.checked());
            } catch (ProviderUnavailable e) {
                outcomes.add(e);
            }
        });
        thread.start();
        return thread;
    }

    /** Until each thread waits (on a lock or for another's read): none is still on its way in. */
    private static void waitUntilAllWait(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && threads.stream().anyMatch(thread -> thread.getState() == Thread.State.RUNNABLE
                || thread.getState() == Thread.State.NEW)) {
            Thread.onSpinWait();
        }
    }

    private void serveDiscovery(String issuer) {
        String document = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\""
                + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\",\"code_challenge_methods_supported\":[\"S256\"]}";
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    int number = requests.incrementAndGet();
                    Thread answer = new Thread(() -> answer(client, document, number == 1));
                    answer.setDaemon(true);
                    answer.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void answer(Socket client, String document, boolean first) {
        try (client) {
            if (!RequestHead.readFrom(client.getInputStream())) {
                return;
            }
            if (first) {
                firstRequestArrived.countDown();
                firstAnswerMayGo.await(10, TimeUnit.SECONDS);
            }
            client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + document.length()
                    + "\r\nConnection: close\r\n\r\n" + document).getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
        } catch (IOException | InterruptedException e) {
            // The test is over.
        }
    }
}
