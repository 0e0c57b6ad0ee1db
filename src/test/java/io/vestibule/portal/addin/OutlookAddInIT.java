package io.vestibule.portal.addin;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.SsoParts;
import io.vestibule.testing.SsoResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service serves for the Outlook add-in, over HTTP (R-CAL-1, R-TLS-2): the manifest for the configured
 * public address, the sign-in settings, and the add-in pages' own CSP, which lets Office's origins (and no one else)
 * frame them while every other page keeps {@code frame-ancestors 'none'}.
 */
@ExtendWith(SsoResolver.class)
class OutlookAddInIT {
    @Test
    void theManifestNamesTheConfiguredPublicAddressAndTheIdentityProvider(SsoParts sso) {
        ApiResponse manifest = sso.portal().newClient().get("/addin/manifest.xml");
        assertThat(manifest.status()).as(manifest.toString()).isEqualTo(200);
        assertThat(manifest.header("Content-Type")).startsWith("application/xml");
        String portal = sso.portal().baseUri().toString().replaceAll("/+$", "");
        URI issuer = sso.keycloak().issuer();
        assertThat(manifest.body())
                .contains("<AppDomain>" + portal + "</AppDomain>")
                .contains("<AppDomain>https://" + issuer.getHost() + ":" + issuer.getPort() + "</AppDomain>")
                .contains("<bt:Url id=\"residFunctionFile\" DefaultValue=\"" + portal + "/addin/commands.html\"/>")
                .contains("<FunctionName>addVestibuleMeeting</FunctionName>")
                .contains("<Id>6f0f7c1e-2b8a-4d53-9c1e-5a7e0b3d9f42</Id>");
        assertThat(sso.portal().newClient().get("/addin/icon-80.png").status()).isEqualTo(200);
    }

    @Test
    void theSettingsNameTheIssuerTheAddInsClientAndTheApisScope(SsoParts sso) {
        ApiResponse settings = sso.portal().newClient().get("/addin/settings.json");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json().getString("issuer")).isEqualTo(sso.keycloak().issuer().toString());
        assertThat(settings.json().getString("clientId")).isEqualTo("vestibule-outlook");
        assertThat(settings.json().getString("scope")).isEqualTo("openid vestibule");
        assertThat(settings.json().keySet()).containsExactlyInAnyOrder("issuer", "clientId", "scope");
    }

    @Test
    void theAddInsPagesMayBeFramedByOfficeOnlyAndThePortalsByNoOne(SsoParts sso) {
        URI issuer = sso.keycloak().issuer();
        for (String page : List.of("/addin/commands.html", "/addin/sign-in.html", "/addin/signed-in.html", "/addin/manifest.xml")) {
            ApiResponse answer = sso.portal().newClient().get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            List<String> ancestors = directive(answer.header("Content-Security-Policy"), "frame-ancestors");
            assertThat(ancestors).as(page).contains("https://outlook.office.com", "https://outlook.office365.com", "https://*.cloud.microsoft")
                    .doesNotContain("'none'", "*", "'self'", "https:");
            assertThat(directive(answer.header("Content-Security-Policy"), "connect-src")).as(page)
                    .containsExactly("'self'", "https://" + issuer.getHost() + ":" + issuer.getPort());
            assertThat(directive(answer.header("Content-Security-Policy"), "script-src")).as(page)
                    .containsExactly("'self'", "https://appsforoffice.microsoft.com");
            assertThat(answer.allHeaders("X-Frame-Options")).as(page).isEmpty();
        }
        for (String page : List.of("/index.html", "/meetings.html", "/join/some-room", "/addin.html")) {
            ApiResponse answer = sso.portal().newClient().get(page);
            assertThat(directive(answer.header("Content-Security-Policy"), "frame-ancestors")).as(page).containsExactly("'none'");
            assertThat(directive(answer.header("Content-Security-Policy"), "connect-src")).as(page).containsExactly("'self'");
            assertThat(answer.header("X-Frame-Options")).as(page).isEqualTo("DENY");
        }
    }

    private static List<String> directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::strip).filter(directive -> directive.startsWith(name + " "))
                .findFirst().map(directive -> Arrays.asList(directive.substring(name.length()).strip().split("\\s+")))
                .orElseThrow(() -> new AssertionError("no " + name + " in " + policy));
    }
}
