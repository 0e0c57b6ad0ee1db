package io.vestibule.portal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.AuditRecords;
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
        List<Map<String, Object>> audited = AuditRecords.of(sso.portal());
        Assertions.assertThat(audited).as("the sign-in and sign-out are audit events (AuditCatalogueIT)")
                .anySatisfy(event -> Assertions.assertThat(event).containsEntry("type", "portal.login")
                        .containsEntry("actor", "alice").containsEntry("outcome", "success").containsEntry("detail", "single sign-on"))
                .anySatisfy(event -> Assertions.assertThat(event).containsEntry("type", "portal.logout")
                        .containsEntry("actor", "alice"));
    }

    /**
     * 12,100 sign-in starts from 605 addresses, each address stopping at its allowance of 20: the store of sign-ins in
     * flight that this replaced held 10,000 and then answered everyone "busy". Now nothing is stored per start.
     */
    @Test
    void aFloodOfSignInStartsFromManyAddressesLeavesARealSignInWorking(SsoParts sso) throws Exception {
        int addresses = 605;
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<HttpResponse<Void>>> starts = new ArrayList<>();
        for (int i = 0; i < addresses * 20; i++) {
            inFlight.acquire();
            CompletableFuture<HttpResponse<Void>> start = sso.portal().http().sendAsync(signInStart(sso, floodAddress(i % addresses)),
                    HttpResponse.BodyHandlers.discarding());
            start.whenComplete((answer, failure) -> inFlight.release());
            starts.add(start);
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        Assertions.assertThat(starts).allSatisfy(start -> Assertions.assertThat(start.join().headers().firstValue("Location").orElseThrow())
                .startsWith(sso.keycloak().issuer().toString()));
        HttpResponse<Void> blocked = sso.portal().http().send(signInStart(sso, floodAddress(0)), HttpResponse.BodyHandlers.discarding());
        String blockedPage = blocked.headers().firstValue("Location").orElseThrow();
        Assertions.assertThat(blockedPage).as("the 21st start from one address").endsWith("/index.html?error=blocked&retry=600");

        try (BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            page.navigate(blockedPage);
            assertThat(page.locator("#status")).hasText("Too many attempts. Try again in 600 seconds.");
            page.navigate(sso.portal().baseUri().toString());
            sso.signInAtKeycloak(page, "alice");
            page.waitForURL("**/meetings.html");
            assertThat(page.locator("#user-name")).hasText("Alice Martin");
        }
    }

    private static HttpRequest signInStart(SsoParts sso, String source) {
        return HttpRequest.newBuilder(sso.portal().baseUri().resolve("/api/v1/auth/sso/start?next=%2Fmeetings.html"))
                .header("X-Forwarded-For", source).timeout(Duration.ofSeconds(30)).build();
    }

    /** Documentation and benchmarking ranges (RFC 5737, RFC 2544), named in X-Forwarded-For; no packet goes there. */
    private static String floodAddress(int index) {
        return "198.18." + (index / 250) + "." + (1 + index % 250);
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
        Assertions.assertThat(AuditRecords.of(sso.portal())).anySatisfy(event -> {
            Assertions.assertThat(event).containsEntry("type", "portal.login").containsEntry("outcome", "failure");
            Assertions.assertThat((String) event.get("detail")).startsWith("single sign-on: forbidden");
        });
    }
}
