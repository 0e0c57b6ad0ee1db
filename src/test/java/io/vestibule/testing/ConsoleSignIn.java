package io.vestibule.testing;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** An administrator signing in to the console in a browser, as a person does: by the form's labels. */
public final class ConsoleSignIn {
    private ConsoleSignIn() {
    }

    /** Opens the console, signs in and waits for the overview. */
    public static void signIn(Page page, VestibuleServer server, String username) {
        page.navigate(server.adminBaseUri().resolve("/admin/").toString());
        Locator form = page.locator("#sign-in-form");
        form.getByLabel("User name", new Locator.GetByLabelOptions().setExact(true)).fill(username);
        form.getByLabel("Password", new Locator.GetByLabelOptions().setExact(true)).fill(server.demoPassword());
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.waitForURL("**/admin/home.html");
    }

    /** Follows a link of the console's navigation and waits for its page. */
    public static void open(Page page, String linkName, String file) {
        page.locator("#console-nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(linkName).setExact(true)).click();
        page.waitForURL("**/admin/" + file);
    }
}
