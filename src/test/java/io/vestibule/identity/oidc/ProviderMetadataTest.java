package io.vestibule.identity.oidc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The discovery document is checked as it is read (OpenID Connect Discovery §4.3 and the crypto policy's PKCE method). */
class ProviderMetadataTest {
    private static final String ISSUER = "https://sso.example.org/realms/vestibule";
    private final OidcSettings settings = OidcSettingsTest.settings(ISSUER);

    @Test
    void aDocumentOfTheIssuerIsRead() throws Exception {
        ProviderMetadata metadata = ProviderMetadata.parse(document(ISSUER, ISSUER + "/token", "[\"S256\"]"), settings, "S256");

        assertThat(metadata.tokenEndpoint()).hasToString(ISSUER + "/token");
        assertThat(metadata.endSessionEndpoint()).isEmpty();
    }

    @Test
    void aDocumentOfAnotherIssuerIsRefused() {
        assertUnusable(document("https://sso.example.org/realms/other", ISSUER + "/token", "[\"S256\"]"));
        assertUnusable(document(ISSUER + "/", ISSUER + "/token", "[\"S256\"]"));
    }

    @Test
    void aPlainHttpEndpointOffLoopbackIsRefused() {
        assertUnusable(document(ISSUER, "http://sso.example.org/realms/vestibule/token", "[\"S256\"]"));
    }

    @Test
    void anEndpointOffTheIssuersOriginIsRefused() {
        assertUnusable(document(ISSUER, "https://elsewhere.example.org/token", "[\"S256\"]"));
        assertUnusable(document(ISSUER, "https://sso.example.org:8443/realms/vestibule/token", "[\"S256\"]"));
        assertUnusable(document(ISSUER, ISSUER + "/token", "[\"S256\"]").replace(ISSUER + "/certs", "https://keys.example.net/certs"));
    }

    @Test
    void aProviderListingPkceMethodsWithoutS256IsRefused() {
        assertUnusable(document(ISSUER, ISSUER + "/token", "[\"plain\"]"));
    }

    @Test
    void aMissingEndpointOrAnythingButAJsonObjectIsRefused() {
        assertUnusable("{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\"" + ISSUER + "/auth\"}");
        assertUnusable("[]");
        assertUnusable("<html>");
    }

    private void assertUnusable(String json) {
        assertThatExceptionOfType(ProviderUnavailable.class).isThrownBy(() -> ProviderMetadata.parse(json, settings, "S256"));
    }

    private static String document(String issuer, String tokenEndpoint, String methods) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + ISSUER + "/auth\",\"token_endpoint\":\"" + tokenEndpoint
                + "\",\"jwks_uri\":\"" + ISSUER + "/certs\",\"code_challenge_methods_supported\":" + methods + "}";
    }
}
