package io.vestibule.identity.cert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vestibule.platform.net.BoundedBody;

/**
 * Fetches CRLs and asks OCSP responders over plain HTTP at the address a certificate names, nothing else: CRLs and OCSP
 * answers are signed, so TLS would add nothing, and a certificate naming {@code https}, {@code ldap} or {@code file}
 * is not followed. No redirects; each exchange, body included, ends within the timeout.
 */
public final class RevocationFetcher {
    /** Large CAs publish CRLs of a few MiB; anything past this is not a CRL we want to parse at sign-in. */
    static final int LARGEST_CRL = 10 * 1024 * 1024;
    static final int LARGEST_OCSP_ANSWER = 64 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    public RevocationFetcher(Duration connectTimeout, Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether the address is one this fetcher goes to: {@code http} with a host. */
    public static boolean fetchable(URI uri) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("http") && uri.getHost() != null;
    }

    byte[] crl(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).GET(), LARGEST_CRL);
    }

    byte[] ocsp(URI uri, byte[] request) throws IOException {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/ocsp-request")
                .header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)), LARGEST_OCSP_ANSWER);
    }

    private byte[] send(HttpRequest.Builder request, int bound) throws IOException {
        HttpRequest built = request.timeout(timeout).build();
        if (!fetchable(built.uri())) {
            throw new IOException("not an http address");
        }
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(built, BoundedBody.handler(bound));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BoundedBody.TooLarge) {
                throw new IOException("answer larger than " + bound + " bytes");
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("unreachable (" + cause.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
