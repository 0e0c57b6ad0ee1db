package io.vestibule.portal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.Chromium;
import io.vestibule.testing.SsoParts;
import io.vestibule.testing.SsoResolver;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Single sign-on in a real Chromium (R-SSO-1): Keycloak's own login page with the directory password, the portal
 * afterwards, and a sign-out that ends Keycloak's session too.
 */
@ExtendWith(SsoResolver.class)
class SsoBrowserIT {
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    @Test
    void aliceSignsInAtKeycloakBooksAMeetingAndSigningOutEndsKeycloaksSessionToo(SsoParts sso) {
        // Both certificates (portal and Keycloak) are made for this run; TlsIT checks the portal's listener itself.
        try (BrowserContext context = chromium.newContext(options -> options.setTimezoneId("Europe/Madrid"))) {
            Page page = context.newPage();
            page.navigate(sso.portal().baseUri().toString());
            assertThat(page.getByLabel("User name")).isVisible();
            sso.signInAtKeycloak(page, "alice");

            page.waitForURL("**/meetings.html");
            assertThat(page.locator("#user-name")).hasText("Alice Martin");
            Chromium.screenshot(page, "sso-meetings.png");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Book a meeting")).click();
            page.waitForURL("**/book.html");
            String title = "SSO-booked " + UUID.randomUUID().toString().substring(0, 8);
            page.getByLabel("Title").fill(title);
            page.getByLabel("Date").fill(LocalDate.now(ZoneId.of("Europe/Madrid")).plusDays(2).toString());
            page.getByLabel("Starts at").fill("09:00");
            page.getByLabel("Ends at").fill("09:30");
            page.getByLabel("Time zone").selectOption("Europe/Madrid");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Book meeting")).click();
            page.waitForURL("**/meeting.html?id=*");
            assertThat(page.locator("#meeting-title")).hasText(title);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            // Keycloak ends its session and sends the browser back to the portal's sign-in page.
            page.waitForURL(sso.portal().baseUri() + "index.html");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your organisation"))).isVisible();
            page.navigate(sso.portal().baseUri().resolve("/meetings.html").toString());
            page.waitForURL("**/index.html?next=*");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your organisation")).click();
            page.waitForURL(sso.keycloak().issuer() + "/**");
            // Keycloak asks for the password again: its session ended with the portal's.
            assertThat(page.locator("#username")).isVisible();
            assertThat(page.locator("#password")).isVisible();
            Chromium.screenshot(page, "sso-keycloak-login-after-sign-out.png");
        }
    }

    @Test
    void someoneOutsideThePortalGroupIsToldSoOnTheSignInPage(SsoParts sso) {
        try (BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            page.navigate(sso.portal().baseUri().toString());
            sso.signInAtKeycloak(page, "carol");

            page.waitForURL("**/index.html?error=forbidden");
            assertThat(page.locator("#status")).hasText("Your account is not allowed to do this.");
        }
    }
}
