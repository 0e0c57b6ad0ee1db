package io.vestibule.portal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** What the portal's pages say and how they lay out what people typed: in their language, within the screen. */
@ExtendWith(ServerResolver.class)
class PortalTextBrowserIT {
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    @Test
    void aSpanishPageShowsASpanishErrorForABadDate(VestibuleServer server) throws IOException {
        try (BrowserContext context = chromium.newContext(options -> options.setLocale("es-ES").setTimezoneId("Europe/Madrid"))) {
            Page page = signIn(context, server);
            page.navigate(server.baseUri().resolve("/book.html").toString());
            // The page proposes the next hour once it knows who is signed in; type after that, as a person would.
            page.waitForFunction("() => document.getElementById('time-zone').options.length > 0");
            page.locator("#title").fill("Fecha equivocada");
            page.locator("#date").fill("2020-01-15");
            page.locator("#start-time").fill("10:00");
            page.locator("#end-time").fill("11:00");
            page.locator("#save").click();

            assertThat(page.locator("#status")).hasText(message("es", "error.invalid_request.already_over"));
            assertThat(page.locator("#status")).not().containsText("already");
            assertThat(page.locator("#end-time")).hasAttribute("aria-invalid", "true");
        }
    }

    @Test
    void aTitleWithoutSpacesWrapsAndTheTimeZoneIsNamedInTheReadersLanguage(VestibuleServer server) {
        String title = ("Unbroken" + UUID.randomUUID().toString().replace("-", "")).repeat(5).substring(0, 200);
        ZonedDateTime start = LocalDate.now(MADRID).plusDays(2).atTime(9, 0).atZone(MADRID);
        ApiResponse booked = server.newClient().signIn("alice", server.demoPassword()).post("/api/v1/meetings", Json.createObjectBuilder()
                .add("title", title)
                .add("start", start.toOffsetDateTime().toString())
                .add("end", start.plusHours(1).toOffsetDateTime().toString())
                .add("timeZone", "Europe/Madrid").build());
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().getString("id");

        try (BrowserContext context = chromium.newContext(options -> options.setViewportSize(390, 844).setTimezoneId("UTC"))) {
            Page page = signIn(context, server);
            var entry = page.locator("#meeting-list li", new Page.LocatorOptions().setHasText(title.substring(0, 40)));
            assertThat(entry).isVisible();
            assertThat(widthBeyondTheViewport(page)).as("the meetings page at 390 px").isZero();
            assertThat(entry.locator(".when")).containsText("Madrid (");
            assertThat(entry.locator(".when")).not().containsText("Europe/Madrid");
            Chromium.screenshot(page, "meetings-long-title-390.png");

            page.navigate(server.baseUri().resolve("/meeting.html?id=" + id).toString());
            assertThat(page.locator("#meeting-title")).hasText(title);
            assertThat(widthBeyondTheViewport(page)).as("the meeting's page at 390 px").isZero();
            assertThat(page.locator("#meeting-when")).not().containsText("Europe/Madrid");

            page.setViewportSize(1280, 800);
            page.navigate(server.baseUri().resolve("/meetings.html").toString());
            assertThat(entry).isVisible();
            assertThat(widthBeyondTheViewport(page)).as("the meetings page at 1280 px").isZero();
        }
    }

    private static Page signIn(BrowserContext context, VestibuleServer server) {
        Page page = context.newPage();
        page.navigate(server.baseUri().resolve("/index.html").toString());
        page.locator("#username").fill("alice");
        page.locator("#password").fill(server.demoPassword());
        page.locator("#password").press("Enter");
        page.waitForURL("**/meetings.html");
        return page;
    }

    private static int widthBeyondTheViewport(Page page) {
        return ((Number) page.evaluate("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")).intValue();
    }

    private static String message(String language, String key) throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("webapp/i18n", language + ".json")); var json = Json.createReader(reader)) {
            JsonObject messages = json.readObject();
            return messages.getString(key);
        }
    }
}
