package io.vestibule.admin.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.ConsoleSignIn;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join-block templates of the console ({@code /join-block}) on the built jar: a template saved, previewed, refused
 * naming what the allow-list refuses, reset to the default, each change audited with fingerprints before and after,
 * and kept from those without the permissions; then the console page in Chromium, whose preview shows a hostile
 * subject as text. The shared service's templates are reset afterwards.
 */
@ExtendWith(ServerResolver.class)
class JoinBlockIT {
    private static final String HOSTILE = "Plan \"Q4\" <script>window.ran=1</script><img src=x onerror=\"window.ran=2\">";
    private static final String HTML = "<p lang=\"es\"><strong>{{subject}}</strong></p><p><a href=\"{{joinUrl}}\">Entrar</a></p>"
            + "<p>PIN de invitado: {{guestPin}}</p>";
    private static final String TEXT = "{{subject}}\nEntrar: {{joinUrl}}\nPIN de invitado: {{guestPin}}";

    @RegisterExtension
    static final Chromium chromium = Chromium.perClass();

    private static JsonObject template(String html, String text) {
        return Json.createObjectBuilder().add("html", html).add("text", text).build();
    }

    private static JsonObject language(AdminClient client, String code) {
        return client.get("/join-block").json().getJsonArray("templates").getValuesAs(JsonObject.class).stream()
                .filter(template -> template.getString("language").equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aTemplateIsPreviewedSavedRefusedNamingWhatAndResetEachChangeAudited(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        try {
            JsonObject before = language(dave, "es");
            assertThat(before.getBoolean("isDefault")).isTrue();
            assertThat(before.getString("html")).contains("{{joinUrl}}", "Unirse a la reunión");
            assertThat(dave.get("/join-block").json().getJsonArray("placeholders").getValuesAs(JsonObject.class))
                    .extracting(placeholder -> placeholder.getString("written"))
                    .containsExactly("{{subject}}", "{{joinUrl}}", "{{alias}}", "{{numericAlias}}", "{{guestPin}}", "{{start}}", "{{end}}");

            // The preview saves nothing and shows a hostile subject as text.
            ApiResponse preview = dave.post("/join-block/es/preview", Json.createObjectBuilder(template(HTML, TEXT))
                    .add("subject", HOSTILE).build());
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
            assertThat(preview.json().getString("html")).doesNotContain("<script", "<img")
                    .contains("&lt;script&gt;window.ran=1&lt;/script&gt;").contains("PIN de invitado: 583920")
                    .containsPattern("<a href=\"https://[^\"]+/join/sample-room\">Entrar</a>");
            assertThat(preview.json().getString("text")).startsWith(HOSTILE + "\n");
            assertThat(language(dave, "es").getBoolean("isDefault")).isTrue();

            ApiResponse saved = dave.put("/join-block/es", template(HTML, TEXT));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(saved.json().getBoolean("isDefault")).isFalse();
            assertThat(saved.json().getString("html")).isEqualTo(HTML);
            assertThat(language(dave, "es")).isEqualTo(saved.json());
            assertThat(language(dave, "fr").getBoolean("isDefault")).as("other languages untouched").isTrue();
            JsonObject changed = carol.get("/audit?type=admin.join-block.change").jsonArray().getJsonObject(0);
            assertThat(changed.getString("actor")).startsWith("dave");
            assertThat(changed.getString("detail")).contains("\"isDefault\":true", before.getString("htmlSha256"))
                    .contains("\"isDefault\":false", saved.json().getString("htmlSha256"), saved.json().getString("textSha256"))
                    .doesNotContain("{{subject}}");

            // Refused, naming what was refused; nothing changes.
            record Refusal(String html, String text, String field, String reason, String refused) {
            }
            List<Refusal> refusals = List.of(
                    new Refusal(HTML + "<script>alert(1)</script>", TEXT, "html", "element_not_allowed", "<script>"),
                    new Refusal(HTML + "<img src=\"https://tracker.example/p.gif\">", TEXT, "html", "element_not_allowed", "<img>"),
                    new Refusal("<p onmouseover=\"alert(1)\">{{joinUrl}}</p>", TEXT, "html", "attribute_not_allowed", "onmouseover"),
                    new Refusal("<p>{{joinUrl}} <a href=\"javascript:alert(1)\">x</a></p>", TEXT, "html", "link_not_allowed", "javascript:alert(1)"),
                    new Refusal(HTML, "Entrar: {{joinUrl}} {{hostPin}}", "text", "unknown_placeholder", "{{hostPin}}"),
                    new Refusal(HTML, "Sin enlace", "text", "no_join_link", "{{joinUrl}}"));
            for (Refusal refusal : refusals) {
                for (ApiResponse answer : List.of(dave.put("/join-block/es", template(refusal.html(), refusal.text())),
                        dave.post("/join-block/es/preview", template(refusal.html(), refusal.text())))) {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
                    assertThat(answer.errorCode()).isEqualTo("invalid_request");
                    assertThat(answer.json().getString("field")).isEqualTo(refusal.field());
                    assertThat(answer.json().getString("reason")).isEqualTo(refusal.reason());
                    assertThat(answer.json().getString("refused")).isEqualTo(refusal.refused());
                }
            }
            ApiResponse tooLong = dave.put("/join-block/es", template(HTML + "x".repeat(8001), TEXT));
            assertThat(tooLong.json().getString("reason")).as(tooLong.toString()).isEqualTo("too_long");
            assertThat(dave.put("/join-block/de", template(HTML, TEXT)).errorCode()).isEqualTo("not_found");
            assertThat(language(dave, "es")).as("nothing changed").isEqualTo(saved.json());

            // Those without change_configuration (the Auditor holds neither permission) are refused.
            assertThat(carol.get("/join-block").status()).isEqualTo(403);
            assertThat(carol.put("/join-block/es", template(HTML, TEXT)).status()).isEqualTo(403);
            assertThat(carol.delete("/join-block/es").status()).isEqualTo(403);
            assertThat(carol.post("/join-block/es/preview", template(HTML, TEXT)).status()).isEqualTo(403);

            ApiResponse reset = dave.delete("/join-block/es");
            assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
            assertThat(reset.json().getBoolean("isDefault")).isTrue();
            assertThat(reset.json().getString("htmlSha256")).isEqualTo(before.getString("htmlSha256"));
            JsonObject resetAudit = carol.get("/audit?type=admin.join-block.reset").jsonArray().getJsonObject(0);
            assertThat(resetAudit.getString("detail")).contains(saved.json().getString("htmlSha256"), before.getString("htmlSha256"));
        } finally {
            dave.delete("/join-block/es");
        }
    }

    @Test
    void theConsolePreviewShowsAHostileSubjectAsTextAndSavesTheTemplate(VestibuleServer server) {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        try (BrowserContext context = chromium.newContext(options -> options.setViewportSize(1280, 900))) {
            Page page = context.newPage();
            List<String> dialogs = new CopyOnWriteArrayList<>();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            ConsoleSignIn.signIn(page, server, "dave");
            ConsoleSignIn.open(page, "Calendar join block", "join-block.html");

            FrameLocator preview = page.frameLocator("#preview-html");
            assertThat(preview.locator("a")).hasText("Join the online meeting");
            page.getByLabel("Language of the block").selectOption("fr");
            assertThat(page.getByLabel("HTML template")).hasValue(Pattern.compile(".*Rejoindre la réunion.*", Pattern.DOTALL));
            assertThat(preview.locator("a")).hasText("Rejoindre la réunion en ligne");

            page.getByLabel("Sample subject").fill(HOSTILE);
            assertThat(preview.locator("strong").first()).hasText(HOSTILE);
            assertThat(page.locator("#preview-text")).containsText(HOSTILE);
            assertThat(preview.locator("script, img")).hasCount(0);
            assertThat(page.evaluate("() => window.ran === undefined")).isEqualTo(true);

            // A refused template says what was refused, in the preview and on saving.
            page.getByLabel("HTML template").fill("<p onclick=\"x()\">{{joinUrl}}</p>");
            assertThat(page.locator("#preview-status")).containsText("onclick");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(page.locator("#status")).containsText("onclick");
            assertThat(page.getByLabel("HTML template")).hasAttribute("aria-invalid", "true");

            page.getByLabel("HTML template").fill("<p><a href=\"{{joinUrl}}\">Entrez</a> {{subject}}</p>");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(page.locator("#status")).containsText("saved");
            assertThat(page.locator("#template-state")).containsText("administrator");
            assertThat(language(dave, "fr").getString("html")).isEqualTo("<p><a href=\"{{joinUrl}}\">Entrez</a> {{subject}}</p>");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reset to default").setExact(true)).click();
            page.locator("dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reset to default")).click();
            assertThat(page.locator("#template-state")).containsText("default");
            assertThat(language(dave, "fr").getBoolean("isDefault")).isTrue();
            assertThat(page.locator("input, select, textarea").evaluateAll(
                    "fields => fields.filter(f => f.type !== 'hidden' && f.labels.length === 0).map(f => f.id || f.name)"))
                    .as("every form control has a label").isEqualTo(List.of());
            assertThat(dialogs).as("no script ran an alert").isEmpty();
            Chromium.screenshot(page, "admin-join-block-1280.png");
        } finally {
            dave.delete("/join-block/fr");
        }
    }
}
