package io.vestibule.identity.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.StoreBackedTrustManager;
import io.vestibule.platform.net.BoundedBody;

/**
 * The HTTP exchanges with the OpenID provider: GET of its documents and POST of forms to its token endpoint. Answers
 * are read up to a bound (the provider is trusted, the network between may not be); the client secret travels in the
 * {@code Authorization} header only.
 */
class ProviderConnection {
    /** Discovery documents and key sets are a few KiB; tokens with many groups stay far below this. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final HttpClient http;
    private final OidcSettings settings;

    /** An answer: its status and its body as text. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    ProviderConnection(OidcSettings settings, CryptoPolicy policy) {
        this(settings, policy, List::of);
    }

    /** The trust store's certificates are asked at every handshake, so a change applies to the next connection. */
    ProviderConnection(OidcSettings settings, CryptoPolicy policy, Supplier<List<X509Certificate>> caStore) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        builder.sslContext(trusting(settings, policy, caStore));
        this.http = builder.build();
    }

    Answer get(URI uri) throws ProviderUnavailable {
        return send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET());
    }

    /** POSTs a form, authenticated as the portal client with HTTP Basic (RFC 6749 §2.3.1: both parts form-encoded). */
    Answer postAsClient(URI uri, Map<String, String> form) throws ProviderUnavailable {
        char[] secret = settings.clientSecret().value();
        try {
            String credentials = encode(settings.clientId()) + ":" + encode(new String(secret));
            return send(HttpRequest.newBuilder(uri)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                            .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                            .collect(Collectors.joining("&")))));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * One exchange within {@code requestTimeout} in all, the body included: {@code HttpRequest.timeout} alone does not
     * cover reading the body, and a provider that stalls in the middle of one would hold the caller without bound.
     */
    private Answer send(HttpRequest.Builder request) throws ProviderUnavailable {
        HttpRequest built = request.timeout(settings.requestTimeout()).build();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(built, BoundedBody.handler(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = exchange.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ProviderUnavailable("The provider did not answer within " + settings.requestTimeout().toMillis() + " ms at " + path(built));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BoundedBody.TooLarge) {
                throw new ProviderUnavailable("The provider's answer from " + path(built) + " is larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ProviderUnavailable("The provider cannot be reached at " + path(built) + " (" + cause.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("Interrupted while waiting for the provider");
        }
    }

    /** The address without its query, which may carry parameters a log should not keep. */
    private static String path(HttpRequest request) {
        URI uri = request.uri();
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The trust file's certificates, else the JVM's CAs, and in both cases those of the trust store. */
    private static SSLContext trusting(OidcSettings settings, CryptoPolicy policy, Supplier<List<X509Certificate>> caStore) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, StoreBackedTrustManager.managers(settings.trustAnchors(), caStore, policy), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot prepare TLS to the OpenID provider", e);
        }
    }
}
