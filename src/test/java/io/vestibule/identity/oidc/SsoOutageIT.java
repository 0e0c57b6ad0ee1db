package io.vestibule.identity.oidc;

import java.time.Duration;
import java.time.Instant;

import jakarta.json.JsonObject;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.SsoParts;
import io.vestibule.testing.SsoResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak stopped in the middle of the run: the sign-in page says single sign-on is unavailable, readiness reports
 * it, and what does not need Keycloak right now keeps working (a session signed in through it, an access token whose
 * key is known, a PIN join). It stops the run's one Keycloak, so it runs after every other class.
 */
@ExtendWith(SsoResolver.class)
@Order(Integer.MAX_VALUE)
class SsoOutageIT {

    @Test
    void withKeycloakDownSignInSaysSoAndSessionsTokensAndPinJoinsKeepWorking(SsoParts sso) throws Exception {
        VestibuleServer portal = sso.portal();
        PortalClient addIn = portal.newClient().withBearer(sso.addInTokens("alice").accessToken());
        assertThat(addIn.get("/api/v1/me").status()).isEqualTo(200);
        try (Chromium chromium = Chromium.launch();
             BrowserContext signedIn = chromium.newContext();
             BrowserContext newcomer = chromium.newContext()) {
            Page alice = signedIn.newPage();
            alice.navigate(portal.baseUri().toString());
            sso.signInAtKeycloak(alice, "alice");
            alice.waitForURL("**/meetings.html");

            sso.stopKeycloak();
            // Sign-in starts reuse the provider's discovery document for minutes; the readiness probe is what notices.
            awaitNotReady(portal);

            Page page = newcomer.newPage();
            page.navigate(portal.baseUri().toString());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your organisation")).click();
            page.waitForURL("**/index.html?error=sso_unavailable");
            assertThat(page.locator("#status")).containsText("Your organisation's sign-in service cannot be reached.");
            Chromium.screenshot(page, "sso-unavailable.png");

            alice.reload();
            assertThat(alice.locator("#user-name")).hasText("Alice Martin");
        }

        ApiResponse ready = portal.newClient().get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().getJsonArray("checks").getValuesAs(JsonObject.class))
                .extracting(check -> check.getString("name") + "=" + check.getString("status"))
                .contains("sso=DOWN", "database=UP", "directory=UP");

        JsonObject meeting = Meetings.openNow(addIn, "host_and_guest_pins", false);
        JsonObject guest = Meetings.join(portal, "198.51.100.41", Meetings.alias(meeting), "Guest", Meetings.GUEST_PIN);
        assertThat(guest.getString("role")).isEqualTo("guest");
        assertThat(guest.getString("token")).isNotBlank();
    }

    private static void awaitNotReady(VestibuleServer portal) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (portal.newClient().get("/health/ready").status() != 503) {
            assertThat(Instant.now()).as("the portal still says it is ready with Keycloak stopped").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
