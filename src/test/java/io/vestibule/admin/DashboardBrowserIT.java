package io.vestibule.admin;

import java.security.SecureRandom;

import jakarta.json.Json;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's dashboard in Chromium (R-UI-2, R-AUD-4): an address that makes too many join attempts is blocked, and
 * the block's alarm shows on the home page with the time it clears; the conference it was joining shows among the live
 * ones with its participants. An administrator lifts the block from the alarm's row with the keyboard: the alarm shows as
 * cleared and the address joins again. The scanner's address is random in 198.18.0.0/15 so that no other test meets its
 * block.
 */
@ExtendWith(ServerResolver.class)
class DashboardBrowserIT {
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    @Test
    void aBreakInBlockRaisesAnAlarmOnTheHomePageBesideTheLiveConferenceAndIsLiftedThere(VestibuleServer server) {
        SecureRandom random = new SecureRandom();
        String scanner = "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        String title = "Dashboard " + Integer.toHexString(random.nextInt());
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        String alias = Meetings.alias(Meetings.openNowTitled(alice, title));
        Meetings.join(server, "127.0.0.1", alias, "Host", Meetings.HOST_PIN);
        PortalClient scanning = server.newClient().from(scanner);
        ApiResponse last = null;
        for (int attempt = 1; attempt <= 21; attempt++) {
            last = joinAttempt(scanning, alias);
        }
        assertThat(last.errorCode()).as(last.toString()).isEqualTo("blocked");

        try (BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 900))) {
            Page page = context.newPage();
            page.navigate(server.adminBaseUri().resolve("/admin/").toString());
            Locator signIn = page.locator("#sign-in-form");
            signIn.getByLabel("User name", new Locator.GetByLabelOptions().setExact(true)).fill("dave");
            signIn.getByLabel("Password", new Locator.GetByLabelOptions().setExact(true)).fill(server.demoPassword());
            signIn.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            page.waitForURL("**/admin/home.html");

            Locator alarm = page.locator("#active-alarms tbody tr", new Page.LocatorOptions().setHasText(scanner));
            assertThat(alarm).hasCount(1);
            assertThat(alarm.locator("th")).hasText("break_in_address");
            assertThat(alarm).containsText("too many join attempts");
            assertThat(alarm.locator("td").nth(3)).not().hasText("when its cause ends");

            Locator conference = page.locator("#live-conferences tbody tr", new Page.LocatorOptions().setHasText(title));
            assertThat(conference).hasCount(1);
            assertThat(conference.locator("td").first()).containsText("(1 hosts)");
            assertThat(conference.locator("td").nth(2)).hasText("open");
            assertThat(page.locator("#dashboard-updated")).containsText("refreshed every 10 seconds");

            Locator lift = alarm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lift block of " + scanner).setExact(true));
            assertThat(lift).hasText("Lift block");
            lift.focus();
            page.keyboard().press("Enter");
            assertThat(page.locator("#cleared-alarms tbody tr", new Page.LocatorOptions().setHasText(scanner))).hasCount(1);
            assertThat(alarm).hasCount(0);
            assertThat(page.locator("#status")).containsText("The block of " + scanner + " is lifted");
        }
        ApiResponse again = joinAttempt(scanning, alias);
        assertThat(again.status()).as("the lifted address joins again: " + again).isBetween(200, 299);
    }

    private static ApiResponse joinAttempt(PortalClient client, String alias) {
        return client.sendWithoutCsrf("POST", "/api/v1/join/" + alias, Json.createObjectBuilder().add("displayName", "Scanner").build().toString());
    }
}
