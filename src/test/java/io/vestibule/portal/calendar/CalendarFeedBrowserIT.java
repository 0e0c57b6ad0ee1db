package io.vestibule.portal.calendar;

import java.net.URI;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.Chromium;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The "Subscribe in your calendar" section of the meetings page in a real Chromium (R-UI-1). */
@ExtendWith(ServerResolver.class)
class CalendarFeedBrowserIT {
    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void aUserMakesCopiesReplacesAndStopsTheirCalendarAddress(VestibuleServer server) {
        PortalClient bob = server.newClient().signIn("bob", server.demoPassword());
        bob.delete("/api/v1/calendar/feed");
        try (BrowserContext context = chromium.newContext()) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = context.newPage();
            page.onDialog(dialog -> dialog.accept());
            page.navigate(server.baseUri().resolve("/index.html?next=%2Fmeetings.html").toString());
            page.getByLabel("User name").fill("bob");
            page.getByLabel("Password").fill(server.demoPassword());
            page.getByLabel("Password").press("Enter");
            page.waitForURL("**/meetings.html");

            assertThat(page.getByRole(AriaRole.HEADING, named("Subscribe in your calendar"))).isVisible();
            assertThat(page.locator("#feed-state")).hasText("You have no calendar address.");
            page.getByRole(AriaRole.BUTTON, named("Create my calendar address")).click();

            assertThat(page.getByLabel("For calendar apps (webcal://)")).hasValue(java.util.regex.Pattern.compile("^webcal://.+\\.ics$"));
            String first = page.getByLabel("For web calendars that ask for a URL (https://)").inputValue();
            assertThat(first).startsWith("https://").endsWith(".ics");
            assertThat(fetch(server, first)).isEqualTo(200);
            page.getByRole(AriaRole.BUTTON, named("Copy https:// address")).click();
            assertThat(page.locator("#status")).hasText("Calendar address copied.");
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(first);
            page.setViewportSize(390, 844);
            assertThat(((Number) page.evaluate("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")).intValue())
                    .as("the section at 390 px").isZero();
            Chromium.screenshot(page, "calendar-feed-390.png");
            page.setViewportSize(1280, 800);

            page.getByRole(AriaRole.BUTTON, named("Replace the address")).click();
            assertThat(page.getByLabel("For web calendars that ask for a URL (https://)")).not().hasValue(first);
            String second = page.getByLabel("For web calendars that ask for a URL (https://)").inputValue();
            assertThat(fetch(server, first)).isEqualTo(404);
            assertThat(fetch(server, second)).isEqualTo(200);

            page.getByRole(AriaRole.BUTTON, named("Stop the subscription")).click();
            assertThat(page.locator("#feed-state")).hasText("You have no calendar address.");
            assertThat(page.locator("#feed-link")).isHidden();
            assertThat(fetch(server, second)).isEqualTo(404);

            page.reload();
            assertThat(page.locator("#feed-state")).hasText("You have no calendar address.");
            assertThat(page.locator("#feed-webcal")).hasValue("");
        }
    }

    private static int fetch(VestibuleServer server, String httpsUrl) {
        return server.newClient().get(URI.create(httpsUrl).getRawPath()).status();
    }
}
