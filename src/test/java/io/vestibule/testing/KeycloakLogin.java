package io.vestibule.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Signs a person in at Keycloak the way the Outlook add-in will, without a browser: the authorization-code flow with
 * PKCE for the public add-in client, Keycloak's own login form filled in over HTTP, and the code exchanged at the
 * token endpoint. Direct grants are off in the realm, so this is the only way to a real access token.
 */
public final class KeycloakLogin {
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    /** The tokens of a sign-in. */
    public record Tokens(String accessToken, String idToken, String refreshToken) {
    }

    private KeycloakLogin() {
    }

    /** Signs in at {@code realmUri} (the issuer, or the realm under another host name) as the add-in client. */
    public static Tokens signIn(KeycloakServer keycloak, URI realmUri, String clientId, URI redirectUri, String username, String password) {
        HttpClient http = HttpClient.newBuilder().sslContext(PemTrust.context(keycloak.certificateFile(), null))
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String verifier = random();
        String state = random();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", "openid");
        query.put("state", state);
        query.put("nonce", random());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        HttpResponse<String> loginPage = send(http, HttpRequest.newBuilder(URI.create(realmUri + "/protocol/openid-connect/auth?" + form(query))));
        Matcher formTag = LOGIN_FORM.matcher(loginPage.body());
        if (loginPage.statusCode() != 200 || !formTag.find()) {
            throw new AssertionError("Keycloak showed no login form: HTTP " + loginPage.statusCode() + "\n" + loginPage.body());
        }
        Matcher action = ACTION.matcher(formTag.group());
        if (!action.find()) {
            throw new AssertionError("Keycloak's login form has no action: " + formTag.group());
        }
        HttpResponse<String> signedIn = send(http, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password, "credentialId", "")))));
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || !location.startsWith(redirectUri.toString())) {
            throw new AssertionError("Keycloak did not sign " + username + " in: HTTP " + signedIn.statusCode() + " " + location + "\n" + signedIn.body());
        }
        Map<String, String> answer = Arrays.stream(URI.create(location).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8), (a, b) -> a));
        if (!state.equals(answer.get("state"))) {
            throw new AssertionError("Keycloak answered with another state: " + location);
        }
        HttpResponse<String> tokens = send(http, HttpRequest.newBuilder(URI.create(realmUri + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", answer.get("code"),
                        "client_id", clientId, "redirect_uri", redirectUri.toString(), "code_verifier", verifier)))));
        if (tokens.statusCode() != 200) {
            throw new AssertionError("Keycloak refused the code: HTTP " + tokens.statusCode() + "\n" + tokens.body());
        }
        try (var reader = Json.createReader(new StringReader(tokens.body()))) {
            JsonObject body = reader.readObject();
            return new Tokens(body.getString("access_token"), body.getString("id_token"), body.getString("refresh_token"));
        }
    }

    /** Sends with a 30 s timeout; the body as text. */
    static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
