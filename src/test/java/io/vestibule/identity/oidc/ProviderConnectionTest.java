package io.vestibule.identity.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Every exchange with the provider ends within its deadline, the body included (issue 22, item 3). */
class ProviderConnectionTest {
    private static final Duration DEADLINE = Duration.ofMillis(800);

    private ServerSocket provider;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startProvider() throws IOException {
        provider = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopProvider() throws IOException {
        release.countDown();
        provider.close();
    }

    @Test
    void aProviderThatStallsInTheMiddleOfItsBodyIsGivenUpOnAtTheDeadline() {
        answerWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"issuer\":", true);
        ProviderConnection connection = new ProviderConnection(settings(), CryptoPolicy.standard());

        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatExceptionOfType(ProviderUnavailable.class)
                .isThrownBy(() -> connection.get(address())).withMessageContaining("did not answer within"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.multipliedBy(3));
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefused() {
        String body = "x".repeat(ProviderConnection.MAX_ANSWER_BYTES + 1);
        answerWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, false);
        ProviderConnection connection = new ProviderConnection(settings(), CryptoPolicy.standard());

        assertThatExceptionOfType(ProviderUnavailable.class).isThrownBy(() -> connection.get(address())).withMessageContaining("larger than");
    }

    @Test
    void aPromptAnswerIsRead() throws Exception {
        answerWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", false);

        ProviderConnection.Answer answer = new ProviderConnection(settings(), CryptoPolicy.standard()).get(address());

        assertThat(answer.ok()).isTrue();
        assertThat(answer.body()).isEqualTo("{}");
    }

    private URI address() {
        return URI.create("http://127.0.0.1:" + provider.getLocalPort() + "/realms/test/.well-known/openid-configuration");
    }

    private OidcSettings settings() {
        return OidcSettingsTest.settings("http://127.0.0.1:" + provider.getLocalPort() + "/realms/test", Duration.ofSeconds(1), DEADLINE);
    }

    /** Serves one connection: reads the request's head, writes {@code answer}, then holds the connection if asked. */
    private void answerWith(String answer, boolean stall) {
        Thread server = new Thread(() -> {
            try (Socket client = provider.accept()) {
                if (!RequestHead.readFrom(client.getInputStream())) {
                    return;
                }
                OutputStream out = client.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (stall) {
                    release.await();
                }
            } catch (IOException | InterruptedException e) {
                // The test is over.
            }
        });
        server.setDaemon(true);
        server.start();
    }
}
