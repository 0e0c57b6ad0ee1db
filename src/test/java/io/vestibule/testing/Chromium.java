package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Chromium driven by Playwright; the browser is never downloaded. A browser test class holds one in a static
 * field, {@code @RegisterExtension static final Chromium chromium = Chromium.perClass();}: its tests get browser
 * contexts (fresh profiles) of one browser that the run's classes share, launched at first use (about 2 s with
 * Playwright's driver) and closed when the run ends; the contexts a class leaves open are closed after its last test.
 * A class that needs more switches ({@link #perClass(List)}) has a browser of its own, as has a single test that
 * {@link #launch()}es one.
 */
public final class Chromium implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);
    public static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("VESTIBULE_TEST_CHROMIUM", "/usr/bin/chromium"));
    public static final Path SCREENSHOTS = Path.of(System.getProperty("vestibule.target", "target"), "screenshots");

    private final List<String> extraArgs;
    private Playwright playwright;
    private Browser browser;
    /** Whether the browser is the run's shared one; then the class's open contexts are its own to close. */
    private boolean shared;
    private final List<BrowserContext> openContexts = new ArrayList<>();

    private Chromium(List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** For {@code @RegisterExtension} on a static field: one browser for all the tests of the class. */
    public static Chromium perClass() {
        return new Chromium(List.of());
    }

    /** {@link #perClass()} with more command-line switches for Chromium, for the tests that need them. */
    public static Chromium perClass(List<String> extraArgs) {
        return new Chromium(extraArgs);
    }

    public static Chromium launch() {
        Chromium chromium = new Chromium(List.of());
        chromium.start();
        return chromium;
    }

    private void start() {
        playwright = newPlaywright();
        browser = launch(playwright, extraArgs);
    }

    private static Playwright newPlaywright() {
        RequiredParts.require(Files.isExecutable(EXECUTABLE), "Chromium at " + EXECUTABLE,
                "Install Debian's package: apt-get install chromium (browsers are never downloaded by the tests)");
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    private static Browser launch(Playwright playwright, List<String> extraArgs) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(Stream.concat(Stream.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                        "--allow-loopback-in-peer-connection"), extraArgs.stream()).toList()));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (extraArgs.isEmpty()) {
            shared = true;
            browser = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("chromium", key -> new SharedBrowser(), SharedBrowser.class)
                    .browser();
        } else {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The browser the run's classes share, launched again should one of them have lost it (a crash). */
    private static final class SharedBrowser implements AutoCloseable {
        private final Playwright playwright = newPlaywright();
        private Browser browser;

        Browser browser() {
            if (browser == null || !browser.isConnected()) {
                browser = launch(playwright, List.of());
            }
            return browser;
        }

        @Override
        public void close() {
            playwright.close();
        }
    }

    public Browser browser() {
        return browser;
    }

    /**
     * A fresh browser profile in British English that accepts the listeners' certificates, which are made for each
     * run (TlsIT checks the listeners themselves).
     */
    public BrowserContext newContext() {
        return newContext(UnaryOperator.identity());
    }

    /** {@link #newContext()} with more options: a viewport, a time zone, downloads. */
    public BrowserContext newContext(UnaryOperator<Browser.NewContextOptions> more) {
        BrowserContext context = browser.newContext(more.apply(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true).setLocale("en-GB")));
        if (shared) {
            openContexts.add(context);
            context.onClose(openContexts::remove);
        }
        return context;
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
    }

    @Override
    public void close() {
        if (shared) {
            new ArrayList<>(openContexts).forEach(BrowserContext::close);
            openContexts.clear();
            browser = null;
            return;
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }
}
