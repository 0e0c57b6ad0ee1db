package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A browser-like client of the portal API: keeps the session cookie it is given and sends the CSRF token of its
 * session on state-changing calls (unless a test asks it not to).
 */
public final class PortalClient {
    private final HttpClient http;
    private final URI base;
    private String sessionCookie;
    private String csrfToken;
    private String forwardedFor;
    private String bearer;

    private final String loginPath;

    PortalClient(HttpClient http, URI base) {
        this(http, base, "/api/v1/auth/login");
    }

    PortalClient(HttpClient http, URI base, String loginPath) {
        this.http = http;
        this.base = base;
        this.loginPath = loginPath;
    }

    /** Signs in and remembers the session; fails the test if sign-in is refused. */
    public PortalClient signIn(String username, String password) {
        ApiResponse response = login(username, password);
        if (response.status() != 200) {
            throw new AssertionError("Sign-in of " + username + " failed: " + response);
        }
        return this;
    }

    public ApiResponse login(String username, String password) {
        return signedInBy(send("POST", loginPath,
                Json.createObjectBuilder().add("username", username).add("password", password).build().toString(), false));
    }

    /** Takes the session cookie and CSRF token of a successful sign-in answer. */
    ApiResponse signedInBy(ApiResponse response) {
        if (response.status() == 200) {
            sessionCookie = SetCookie.parse(response.header("set-cookie")).nameValue();
            csrfToken = response.json().getString("csrfToken");
        }
        return response;
    }

    public ApiResponse put(String path, JsonObject body) {
        return send("PUT", path, body.toString(), true);
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, false);
    }

    public ApiResponse post(String path, JsonObject body) {
        return send("POST", path, body.toString(), true);
    }

    public ApiResponse patch(String path, JsonObject body) {
        return send("PATCH", path, body.toString(), true);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, true);
    }

    /** Sends a raw body with the session and CSRF token, as a browser page would. */
    public ApiResponse sendRaw(String method, String path, String body) {
        return send(method, path, body, true);
    }

    /** The same request without the X-CSRF-Token header. */
    public ApiResponse sendWithoutCsrf(String method, String path, String body) {
        return send(method, path, body, false);
    }

    public String sessionCookie() {
        return sessionCookie;
    }

    public void useSessionCookie(String cookie) {
        this.sessionCookie = cookie;
    }

    public URI base() {
        return base;
    }

    /** Requests as if from this client address, through the trusted proxy (X-Forwarded-For). */
    public PortalClient from(String clientAddress) {
        this.forwardedFor = clientAddress;
        return this;
    }

    /** Sends {@code Authorization: Bearer <token>} with every request (join tokens). */
    public PortalClient withBearer(String token) {
        this.bearer = token;
        return this;
    }

    private ApiResponse send(String method, String path, String body, boolean withCsrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (sessionCookie != null) {
            request.header("Cookie", sessionCookie);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (withCsrf && csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
