package io.vestibule.identity.oidc;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.KeycloakLogin;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.SsoParts;
import io.vestibule.testing.SsoResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * realm/vestibule-realm.json as a stock Keycloak 26 imported it (R-SSO-1): no import error, and the realm, clients, keys
 * and directory federation read back through Keycloak's admin REST API are what the file says.
 */
@ExtendWith(SsoResolver.class)
class KeycloakRealmIT {
    private static final Path REALM_FILE = Path.of(System.getProperty("vestibule.realm.file", "realm/vestibule-realm.json"));

    @Test
    void keycloakImportedTheRealmWithoutAnError(SsoParts sso) {
        String log = sso.keycloak().logText();

        assertThat(log).contains("Realm 'vestibule' imported");
        assertThat(log.lines().filter(line -> line.contains(" ERROR ")).toList()).as("Keycloak's errors").isEmpty();
    }

    @Test
    void theRealmProtectsAgainstGuessingAndSignsWithEs256(SsoParts sso) {
        JsonObject realm = (JsonObject) sso.keycloak().admin("");

        assertThat(realm.getBoolean("bruteForceProtected")).isTrue();
        assertThat(realm.getInt("failureFactor")).isEqualTo(5);
        assertThat(realm.getString("defaultSignatureAlgorithm")).isEqualTo("ES256");
        assertThat(realm.getString("sslRequired")).isEqualTo("all");
        assertThat(realm.getBoolean("registrationAllowed")).isFalse();
        assertThat(realm.getBoolean("resetPasswordAllowed")).isFalse();
        assertThat(((JsonArray) sso.keycloak().admin("/roles")).getValuesAs(JsonObject.class))
                .extracting(role -> role.getString("name"))
                .contains("vestibule-user", "vestibule-auditor", "vestibule-read-only", "vestibule-read-write");
    }

    @Test
    void thePortalIsAConfidentialClientOfTheCodeFlowWithS256AndExactAddresses(SsoParts sso) {
        JsonObject portal = client(sso, SsoParts.PORTAL_CLIENT);
        String portalUrl = sso.portal().baseUri().toString().replaceAll("/$", "");

        assertThat(portal.getBoolean("publicClient")).isFalse();
        assertThat(portal.getString("clientAuthenticatorType")).isEqualTo("client-secret");
        assertThat(portal.getBoolean("standardFlowEnabled")).isTrue();
        assertThat(portal.getBoolean("implicitFlowEnabled")).isFalse();
        assertThat(portal.getBoolean("directAccessGrantsEnabled")).isFalse();
        assertThat(portal.getBoolean("serviceAccountsEnabled")).isFalse();
        assertThat(portal.getJsonObject("attributes").getString("pkce.code.challenge.method")).isEqualTo("S256");
        assertThat(strings(portal.getJsonArray("redirectUris"))).containsExactly(portalUrl + "/api/v1/auth/sso/callback");
        assertThat(portal.getJsonObject("attributes").getString("post.logout.redirect.uris")).isEqualTo(portalUrl + "/index.html");
        assertThat(strings(portal.getJsonArray("defaultClientScopes"))).contains("vestibule", "profile", "email", "basic");
    }

    @Test
    void theAddInIsAPublicClientOfTheCodeFlowWithS256(SsoParts sso) {
        JsonObject addIn = client(sso, SsoParts.ADDIN_CLIENT);

        assertThat(addIn.getBoolean("publicClient")).isTrue();
        assertThat(addIn.getBoolean("standardFlowEnabled")).isTrue();
        assertThat(addIn.getBoolean("implicitFlowEnabled")).isFalse();
        assertThat(addIn.getBoolean("directAccessGrantsEnabled")).isFalse();
        assertThat(addIn.getJsonObject("attributes").getString("pkce.code.challenge.method")).isEqualTo("S256");
        assertThat(strings(addIn.getJsonArray("redirectUris"))).allMatch(uri -> !uri.contains("*"));
    }

    @Test
    void keycloakRefusesPasswordGrantsImplicitFlowsAndRequestsWithoutPkce(SsoParts sso) {
        HttpResponse<String> direct = sso.keycloak().send(HttpRequest.newBuilder(URI.create(sso.keycloak().issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=vestibule-outlook&username=alice&password=" + sso.password())));
        assertThat(direct.statusCode()).isEqualTo(400);
        assertThat(direct.body()).contains("unauthorized_client");

        String callback = sso.portal().baseUri() + "api/v1/auth/sso/callback";
        assertThat(authorizationError(sso, "response_type=code&client_id=vestibule-portal&scope=openid&state=s&redirect_uri=" + callback))
                .contains("error=invalid_request");
        assertThat(authorizationError(sso, "response_type=token&client_id=vestibule-portal&scope=openid&state=s&nonce=n&redirect_uri=" + callback))
                .contains("error=");
        assertThat(sso.keycloak().send(HttpRequest.newBuilder(URI.create(sso.keycloak().issuer()
                + "/protocol/openid-connect/auth?response_type=code&client_id=vestibule-portal&scope=openid&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&redirect_uri=https://evil.example/callback"))).statusCode())
                .as("an unregistered redirect address gets an error page, not a redirect").isEqualTo(400);
    }

    @Test
    void theRealmPublishesNoRsaKeyOfItsOwnAndSignsTokensWithItsP256Key(SsoParts sso) {
        Map<String, String> providerNames = ((JsonArray) sso.keycloak().admin("/components?type=org.keycloak.keys.KeyProvider"))
                .getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(c -> c.getString("id"), c -> c.getString("name")));
        List<JsonObject> ownSigningKeys = ((JsonObject) sso.keycloak().admin("/keys")).getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .filter(key -> "SIG".equals(key.getString("use", "")))
                .filter(key -> !providerNames.get(key.getString("providerId")).startsWith("test-"))
                .filter(key -> key.getString("type").equals("EC") || key.getString("type").equals("RSA"))
                .toList();

        assertThat(ownSigningKeys).extracting(key -> key.getString("algorithm") + "/" + key.getString("status")).containsExactly("ES256/ACTIVE");
        KeycloakLogin.Tokens tokens = sso.addInTokens("bob");
        assertThat(Meetings.header(tokens.accessToken()).getString("alg")).isEqualTo("ES256");
        assertThat(Meetings.header(tokens.accessToken()).getString("kid")).isEqualTo(ownSigningKeys.get(0).getString("kid"));
        assertThat(Meetings.header(tokens.idToken()).getString("alg")).isEqualTo("ES256");
    }

    @Test
    void theDirectoryIsFederatedInActiveDirectoryModeOverStartTls(SsoParts sso) {
        JsonObject ldap = ((JsonArray) sso.keycloak().admin("/components?type=org.keycloak.storage.UserStorageProvider"))
                .getValuesAs(JsonObject.class).get(0);
        JsonObject config = ldap.getJsonObject("config");

        assertThat(first(config, "vendor")).isEqualTo("ad");
        assertThat(first(config, "startTls")).isEqualTo("true");
        assertThat(first(config, "editMode")).isEqualTo("READ_ONLY");
        assertThat(first(config, "connectionUrl")).startsWith("ldap://localhost:");
        assertThat(first(config, "bindDn")).startsWith("CN=vestibule-svc,");
        assertThat(first(config, "usersDn")).isEqualTo("OU=Users,DC=demo,DC=vestibule,DC=local");
        List<JsonObject> mappers = ((JsonArray) sso.keycloak().admin("/components?parent=" + ldap.getString("id"))).getValuesAs(JsonObject.class);
        JsonObject groups = mappers.stream().filter(mapper -> mapper.getString("providerId").equals("group-ldap-mapper")).findFirst().orElseThrow();
        assertThat(first(groups.getJsonObject("config"), "groups.dn")).isEqualTo("OU=Groups,DC=demo,DC=vestibule,DC=local");
        assertThat(mappers).extracting(mapper -> mapper.getString("providerId")).contains("msad-user-account-control-mapper");

        // Keycloak's own "test authentication": a StartTLS bind as the service account with the stored credential.
        int test = sso.keycloak().adminPost("/testLDAPConnection", Json.createObjectBuilder()
                .add("action", "testAuthentication").add("componentId", ldap.getString("id"))
                .add("connectionUrl", first(config, "connectionUrl")).add("bindDn", first(config, "bindDn"))
                .add("bindCredential", first(config, "bindCredential")).add("useTruststoreSpi", first(config, "useTruststoreSpi"))
                .add("startTls", "true").add("authType", "simple").add("connectionTimeout", "5000").build());
        assertThat(test).isEqualTo(204);
    }

    @Test
    void directoryUsersGetTokensForTheApiWithTheirNameAndGroups(SsoParts sso) {
        JsonObject alice = Meetings.claims(sso.addInTokens("alice").accessToken());
        JsonObject carol = Meetings.claims(sso.addInTokens("carol").accessToken());

        assertThat(alice.getString("iss")).isEqualTo(sso.keycloak().issuer().toString());
        assertThat(alice.get("aud")).isIn(Json.createValue("vestibule-api"), Json.createArrayBuilder().add("vestibule-api").build());
        assertThat(alice.getString("azp")).isEqualTo(SsoParts.ADDIN_CLIENT);
        assertThat(List.of(alice.getString("scope").split(" "))).contains("vestibule");
        assertThat(alice.getString("name")).isEqualTo("Alice Martin");
        assertThat(alice.getString("preferred_username")).isEqualTo("alice");
        assertThat(strings(alice.getJsonArray("groups"))).containsExactly("/vestibule-users");
        assertThat(strings(alice.getJsonObject("realm_access").getJsonArray("roles"))).contains("vestibule-user");
        assertThat(strings(carol.getJsonArray("groups"))).containsExactly("/vestibule-auditors");
    }

    @Test
    void theRealmFileHoldsNoSecretOnlyPlaceholders() throws Exception {
        String text = Files.readString(REALM_FILE);
        JsonObject realm;
        try (var reader = Json.createReader(new StringReader(text))) {
            realm = reader.readObject();
        }
        List<String> secrets = realm.getJsonArray("clients").getValuesAs(JsonObject.class).stream()
                .filter(client -> client.containsKey("secret")).map(client -> client.getString("secret")).toList();
        JsonObject ldap = realm.getJsonObject("components").getJsonArray("org.keycloak.storage.UserStorageProvider").getJsonObject(0)
                .getJsonObject("config");

        assertThat(secrets).containsExactly("${VESTIBULE_REALM_PORTAL_CLIENT_SECRET}");
        assertThat(first(ldap, "bindCredential")).isEqualTo("${VESTIBULE_REALM_LDAP_BIND_CREDENTIAL}");
        assertThat(first(ldap, "connectionUrl")).isEqualTo("${VESTIBULE_REALM_LDAP_URL}");
        assertThat(first(ldap, "bindDn")).isEqualTo("${VESTIBULE_REALM_LDAP_BIND_DN}");
    }

    private static JsonObject client(SsoParts sso, String clientId) {
        return ((JsonArray) sso.keycloak().admin("/clients?clientId=" + clientId)).getJsonObject(0);
    }

    private static String authorizationError(SsoParts sso, String query) {
        HttpResponse<String> answer = sso.keycloak().send(HttpRequest.newBuilder(URI.create(sso.keycloak().issuer() + "/protocol/openid-connect/auth?" + query)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private static String first(JsonObject config, String name) {
        return config.getJsonArray(name).getString(0);
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonValue.class).stream().map(value -> ((JsonString) value).getString()).collect(Collectors.toList());
    }
}
