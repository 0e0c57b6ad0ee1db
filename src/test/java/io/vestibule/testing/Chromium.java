package io.vestibule.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/** Debian's Chromium driven by Playwright; the browser is never downloaded. */
public final class Chromium implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("VESTIBULE_TEST_CHROMIUM", "/usr/bin/chromium"));
    public static final Path SCREENSHOTS = Path.of(System.getProperty("vestibule.target", "target"), "screenshots");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        RequiredParts.require(Files.isExecutable(EXECUTABLE), "Chromium at " + EXECUTABLE,
                "Install Debian's package: apt-get install chromium (browsers are never downloaded by the tests)");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream")));
        return new Chromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
