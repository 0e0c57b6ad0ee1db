package io.vestibule.platform.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** No answer names the server, the container or a library and its version (penetration test, finding 6; SF.ERRORS). */
@ExtendWith(ServerResolver.class)
class NoVersionDisclosureIT {
    /** The message id Payara logs a request it refused itself under. */
    private static final String REFUSED = "AS-WEB-CORE-00037";

    @ParameterizedTest
    @ValueSource(strings = {"PROPFIND", "FOO", "MKCOL", "PATCH"})
    void anUnsupportedMethodGetsOurOwnAnswer(String method, VestibuleServer server) throws Exception {
        for (String path : new String[] {"/", "/index.html", "/api/v1/keys"}) {
            HttpResponse<String> response = send(server, server.baseUri().resolve(path), method);

            assertThat(response.statusCode()).as(method + " " + path).isBetween(400, 599);
            assertWithoutVersions(response);
            assertThat(response.headers().firstValue("content-security-policy")).as("our headers").isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/openapi/application.wadl", "/api/v1/application.wadl", "/openapi/application.wadl?detail=true"})
    void thereIsNoWadl(String path, VestibuleServer server) throws Exception {
        HttpResponse<String> response = send(server, server.baseUri().resolve(path), "GET");

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertWithoutVersions(response);
    }

    /**
     * A malformed escape is refused by the container itself, which logged each one at SEVERE with a stack trace: 50
     * of them, unauthenticated, wrote 50 traces. Now the first is one line without a trace and the rest are counted.
     */
    @Test
    void aFloodOfMalformedEscapesLeavesOneLineInTheLogAndNoTrace(VestibuleServer server) throws Exception {
        int tracesBefore = count(server.logText(), "URLDecoder.decode(");
        int linesBefore = count(server.logText(), REFUSED);

        for (int i = 0; i < 50; i++) {
            assertThat(raw(server, "GET /%zz" + i + " HTTP/1.1")).doesNotContainIgnoringCase("payara").doesNotContain("Exception");
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (count(server.logText(), REFUSED) == linesBefore) {
            assertThat(Instant.now()).as("the first refusal is logged").isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(count(server.logText(), REFUSED)).isEqualTo(linesBefore + 1);
        assertThat(count(server.logText(), "URLDecoder.decode(")).as("no stack trace").isEqualTo(tracesBefore);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String raw(VestibuleServer server, String requestLine) throws Exception {
        try (SSLSocket socket = (SSLSocket) server.trustingServer().getSocketFactory().createSocket("127.0.0.1", server.httpsPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static HttpResponse<String> send(VestibuleServer server, URI uri, String method) throws Exception {
        return server.http().send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertWithoutVersions(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContainIgnoringCase("payara").doesNotContainIgnoringCase("glassfish")
                .doesNotContainIgnoringCase("jersey").doesNotContainIgnoringCase("grizzly").doesNotContain("Exception");
        assertThat(response.headers().firstValue("server")).isEmpty();
        assertThat(response.headers().firstValue("x-powered-by")).isEmpty();
    }
}
