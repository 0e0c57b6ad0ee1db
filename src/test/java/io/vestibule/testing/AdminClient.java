package io.vestibule.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** An administrator's browser on the admin listener: the portal client's habits, on /admin/api/v1. */
public final class AdminClient {
    static final String LOGIN_PATH = "/admin/api/v1/auth/login";
    private static final String API = "/admin/api/v1";

    private final PortalClient client;

    AdminClient(PortalClient client) {
        this.client = client;
    }

    public ApiResponse login(String username, String password) {
        return client.login(username, password);
    }

    public AdminClient signIn(String username, String password) {
        client.signIn(username, password);
        return this;
    }

    /** Signs in with the client certificate this client presents. */
    public ApiResponse loginWithCertificate() {
        return client.signedInBy(client.sendRaw("POST", API + "/auth/certificate", null));
    }

    public ApiResponse changeExpiredPassword(String username, String oldPassword, String newPassword) {
        return client.sendWithoutCsrf("POST", API + "/auth/password", Json.createObjectBuilder().add("username", username)
                .add("oldPassword", oldPassword).add("newPassword", newPassword).build().toString());
    }

    public ApiResponse get(String path) {
        return client.get(API + path);
    }

    public ApiResponse post(String path, JsonObject body) {
        return client.post(API + path, body);
    }

    public ApiResponse put(String path, JsonObject body) {
        return client.put(API + path, body);
    }

    public ApiResponse delete(String path) {
        return client.delete(API + path);
    }

    /** Sends a body as it is, JSON or not, with the session and CSRF token. */
    public ApiResponse sendRaw(String method, String path, String body) {
        return client.sendRaw(method, API + path, body);
    }

    public ApiResponse withoutCsrf(String method, String path, JsonObject body) {
        return client.sendWithoutCsrf(method, API + path, body == null ? null : body.toString());
    }

    /** Ends this client's session, if it has one, so that it no longer counts against its administrator's limit. */
    public void signOut() {
        if (client.sessionCookie() != null) {
            client.post(API + "/auth/logout", Json.createObjectBuilder().build());
        }
    }

    public String sessionCookie() {
        return client.sessionCookie();
    }

    public void useSessionCookie(String cookie) {
        client.useSessionCookie(cookie);
    }
}
