package io.vestibule.testing;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.vestibule.crypto.pki.PemFiles;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Installs a certificate with its key and its CA through the API, as an administrator holding manage_certificates. */
    public String installCertificate(TestCertificates.Issued certificate, TestCertificates.Issued ca) {
        ApiResponse installed = post("/certificates", Json.createObjectBuilder()
                .add("certificates", PemFiles.toPem(List.of(certificate.certificate(), ca.certificate())))
                .add("privateKey", TestCertificates.privateKeyPem(certificate.key())).build());
        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        return installed.json().getString("id");
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
