package io.vestibule.calendar.block;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The join block from a template: values stay text whatever they hold, the template's HTML is held to the allow-list
 * (refused at save, dropped at render), and a room without a guest PIN or numeric alias leaves those lines out.
 */
class JoinBlockTemplateTest {
    private static final String HOSTILE = "Review \"Q4\" 'final' <script>alert(1)</script><img src=x onerror=alert(2)>";
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneId.of("Europe/Madrid"));

    private static JoinBlockDetails details(String subject, Optional<String> numericAlias, Optional<String> guestPin) {
        return new JoinBlockDetails(subject, URI.create("https://meet.example.org/join/quiet-river"), "quiet-river",
                numericAlias, guestPin, START, START.plusHours(1));
    }

    private static JoinBlock filled(JoinBlockTemplate template, JoinBlockDetails details) {
        return TemplateSubstitution.fill(template, details, JoinBlockLanguage.ENGLISH);
    }

    @ParameterizedTest
    @EnumSource(JoinBlockLanguage.class)
    void aSubjectWithScriptQuotesAndAnEventHandlerComesOutAsTextInEveryDefault(JoinBlockLanguage language) {
        JoinBlock block = TemplateSubstitution.fill(DefaultJoinBlocks.of(language),
                details(HOSTILE, Optional.of("80012345"), Optional.of("583920")), language);

        assertThat(block.html()).doesNotContain("<script", "<img", "onerror=alert(2)>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("<a href=\"https://meet.example.org/join/quiet-river\">")
                .contains("583920", "80012345", "quiet-river");
        assertThat(Jsoup.parseBodyFragment(block.html()).select("script, img, [onerror]")).isEmpty();
        assertThat(Jsoup.parseBodyFragment(block.html()).text()).contains(HOSTILE);
        assertThat(block.text()).contains(HOSTILE).contains("https://meet.example.org/join/quiet-river")
                .contains("583920").contains("80012345");
    }

    @Test
    void aValueCannotAddLinesOfItsOwnToTheBlock() {
        JoinBlock block = filled(DefaultJoinBlocks.of(JoinBlockLanguage.ENGLISH),
                details("Planning\nGuest PIN: 111111\u202Eevil", Optional.empty(), Optional.empty()));

        assertThat(block.text().lines().filter(line -> line.startsWith("Guest PIN"))).isEmpty();
        assertThat(block.text()).contains("Planning Guest PIN: 111111 evil").doesNotContain("\u202E");
    }

    @Test
    void aRoomWithoutGuestPinOrNumericAliasLeavesThoseLinesOut() {
        JoinBlock block = filled(DefaultJoinBlocks.of(JoinBlockLanguage.ENGLISH), details("Planning", Optional.empty(), Optional.empty()));

        assertThat(block.html()).doesNotContain("Guest PIN", "Numeric alias", "{{").contains("Room: quiet-river");
        assertThat(block.text()).doesNotContain("Guest PIN", "Numeric alias", "{{").contains("Room: quiet-river");
        JoinBlock withPin = filled(DefaultJoinBlocks.of(JoinBlockLanguage.ENGLISH), details("Planning", Optional.empty(), Optional.of("583920")));
        assertThat(withPin.html()).contains("<li>Guest PIN: 583920</li>").doesNotContain("Numeric alias");
        assertThat(withPin.text()).contains("Guest PIN: 583920");
    }

    @Test
    void startAndEndAreWrittenInTheAttendeesLanguageWithTheirZone() {
        JoinBlock spanish = TemplateSubstitution.fill(DefaultJoinBlocks.of(JoinBlockLanguage.SPANISH),
                details("Planning", Optional.empty(), Optional.empty()), JoinBlockLanguage.of(Locale.forLanguageTag("es-MX")));
        assertThat(spanish.text()).contains("diciembre de 2026").contains("Madrid (").doesNotContain("Europe/Madrid").contains("Unirse a la reunión");
        assertThat(JoinBlockLanguage.of(Locale.GERMAN)).isEqualTo(JoinBlockLanguage.ENGLISH);
        JoinBlockDetails atOffset = new JoinBlockDetails("x", URI.create("https://meet.example.org/join/a"), "a", Optional.empty(),
                Optional.empty(), START.withZoneSameInstant(ZoneOffset.UTC), START.withZoneSameInstant(ZoneOffset.ofHours(2)));
        assertThat(filled(new JoinBlockTemplate("<p>{{joinUrl}}</p>", "{{start}} / {{end}}"), atOffset).text())
                .contains("December 7, 2026").contains(", UTC / ").endsWith(", UTC+02:00");
    }

    @ParameterizedTest
    @EnumSource(JoinBlockLanguage.class)
    void everyDefaultPassesTheSavesCheck(JoinBlockLanguage language) {
        assertThat(TemplateCheck.checked(DefaultJoinBlocks.of(language))).isEqualTo(DefaultJoinBlocks.of(language));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "<p>{{joinUrl}}</p><script>alert(1)</script>|element_not_allowed|<script>",
            "<p>{{joinUrl}}</p><img src=\"https://tracker.example/p.gif\">|element_not_allowed|<img>",
            "<p>{{joinUrl}}</p><iframe src=\"https://example.org\"></iframe>|element_not_allowed|<iframe>",
            "<p>{{joinUrl}}</p><form action=\"https://example.org\"><button>Go</button></form>|element_not_allowed|<form>",
            "<p>{{joinUrl}}</p><object data=\"x\"></object>|element_not_allowed|<object>",
            "<p>{{joinUrl}}</p><svg><circle/></svg>|element_not_allowed|<svg>",
            "<p>{{joinUrl}}</p><style>p{color:red}</style>|element_not_allowed|<style>",
            "<p>{{joinUrl}}</p><!-- hidden -->|element_not_allowed|<!-- -->",
            "<p onclick=\"alert(1)\">{{joinUrl}}</p>|attribute_not_allowed|onclick",
            "<p>{{joinUrl}}<span onerror=\"alert(1)\">x</span></p>|attribute_not_allowed|onerror",
            "<p style=\"color:red\">{{joinUrl}}</p>|attribute_not_allowed|style",
            "<p>{{joinUrl}} <a href=\"javascript:alert(1)\">x</a></p>|link_not_allowed|javascript:alert(1)",
            "<p>{{joinUrl}} <a href=\" JaVaScRiPt:alert(1)\">x</a></p>|link_not_allowed|' JaVaScRiPt:alert(1)'",
            "<p>{{joinUrl}} <a href=\"http://example.org\">x</a></p>|link_not_allowed|http://example.org",
            "<p>{{joinUrl}} <a href=\"data:text/html,x\">x</a></p>|link_not_allowed|data:text/html,x",
            "<p>{{joinUrl}} <a href=\"{{subject}}\">x</a></p>|link_not_allowed|{{subject}}",
            "<p>{{joinUrl}} {{hostPin}}</p>|unknown_placeholder|{{hostPin}}",
            "<p><a href=\"https://example.org\">no join link</a></p>|no_join_link|{{joinUrl}}",
    })
    void aTemplateWithAnythingOutsideTheAllowListIsRefusedNamingIt(String html, String reason, String refused) {
        JoinBlockTemplate template = new JoinBlockTemplate(html, "Join: {{joinUrl}}");

        assertThatThrownBy(() -> TemplateCheck.checked(template)).isInstanceOfSatisfying(TemplateRefused.class, refusal -> {
            assertThat(refusal.part()).isEqualTo("html");
            assertThat(refusal.reason().code()).isEqualTo(reason);
            assertThat(refusal.refused()).isEqualTo(refused);
        });
    }

    @Test
    void theTextTemplateIsCheckedForPlaceholdersTheJoinLinkAndControlCharacters() {
        String html = "<p>{{joinUrl}}</p>";
        assertThat(refusal(new JoinBlockTemplate(html, "Join: {{joinUrl}} {{hostPin}}")).reason()).isEqualTo(TemplateRefused.Reason.UNKNOWN_PLACEHOLDER);
        assertThat(refusal(new JoinBlockTemplate(html, "Join us")).reason()).isEqualTo(TemplateRefused.Reason.NO_JOIN_LINK);
        assertThat(refusal(new JoinBlockTemplate(html, "Join: {{joinUrl}}\u0007")).reason()).isEqualTo(TemplateRefused.Reason.CONTROL_CHARACTERS);
        assertThat(refusal(new JoinBlockTemplate(html, " ")).reason()).isEqualTo(TemplateRefused.Reason.REQUIRED);
        assertThat(refusal(new JoinBlockTemplate(html, "{{joinUrl}}" + "x".repeat(JoinBlockTemplate.LONGEST))).reason())
                .isEqualTo(TemplateRefused.Reason.TOO_LONG);
        assertThat(refusal(new JoinBlockTemplate(html, "Join: {{joinUrl}}")))
                .as("links, lang and dir, and plain formatting pass").isNull();
    }

    @Test
    void aTemplateEditedInTheDatabaseIsStrippedToTheAllowListWhenRendered() {
        JoinBlockTemplate edited = new JoinBlockTemplate("<p onmouseover=\"alert(1)\" lang=\"en\">Join <a href=\"{{joinUrl}}\" "
                + "onclick=\"x()\">here</a> <a href=\"javascript:alert(1)\">or here</a></p><script>alert(1)</script>"
                + "<img src=\"https://tracker.example/p.gif\"><style>*{}</style><!-- note --><b style=\"x\">{{subject}}</b>",
                "Join: {{joinUrl}}");

        JoinBlock block = filled(edited, details("<i>x</i>", Optional.empty(), Optional.empty()));

        assertThat(block.html()).isEqualTo("<p lang=\"en\">Join <a href=\"https://meet.example.org/join/quiet-river\">here</a>"
                + " <a>or here</a></p><b>&lt;i&gt;x&lt;/i&gt;</b>");
    }

    @Test
    void aJoinLinkThatIsNotHttpNeverBecomesAnAddress() {
        JoinBlockDetails odd = new JoinBlockDetails("x", URI.create("javascript:alert(1)"), "a", Optional.empty(),
                Optional.empty(), START, START);

        JoinBlock block = filled(new JoinBlockTemplate("<a href=\"{{joinUrl}}\">{{joinUrl}}</a>", "{{joinUrl}}"), odd);

        assertThat(block.html()).isEqualTo("<a>javascript:alert(1)</a>");
    }

    @Test
    void anUnknownPlaceholderInAStoredTemplateStaysAsWritten() {
        JoinBlock block = filled(new JoinBlockTemplate("<p>{{joinUrl}} {{hostPin}}</p>", "{{joinUrl}} {{hostPin}}"),
                details("x", Optional.empty(), Optional.of("583920")));

        assertThat(block.text()).isEqualTo("https://meet.example.org/join/quiet-river {{hostPin}}");
    }

    private static TemplateRefused refusal(JoinBlockTemplate template) {
        try {
            TemplateCheck.checked(template);
            return null;
        } catch (TemplateRefused refused) {
            return refused;
        }
    }
}
