package io.vestibule.platform.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** No answer names the server, the container or a library and its version (penetration test, finding 6; SF.ERRORS). */
@ExtendWith(ServerResolver.class)
class NoVersionDisclosureIT {

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
