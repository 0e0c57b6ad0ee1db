package io.vestibule.calendar.block;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.platform.settings.SavedSettings;

/**
 * The join-block template in force per language: the one an administrator saved (setting
 * {@code calendar.join-block.<language>.html} and {@code .text}), else the {@link DefaultJoinBlocks default}. Both parts
 * are saved together; a reset saves both blank, which the setting store reads as "not set".
 */
@ApplicationScoped
public class JoinBlockTemplates {
    private static final Logger LOG = Logger.getLogger(JoinBlockTemplates.class.getName());

    /** A language's template and whether it is the shipped default. */
    public record InForce(JoinBlockLanguage language, JoinBlockTemplate template, boolean isDefault) {
    }

    private SavedSettings saved;

    @Inject
    public JoinBlockTemplates(SavedSettings saved) {
        this.saved = saved;
    }

    /** For CDI's client proxy only. */
    protected JoinBlockTemplates() {
    }

    public InForce inForce(JoinBlockLanguage language) {
        Optional<String> html = saved.text(htmlSetting(language));
        Optional<String> text = saved.text(textSetting(language));
        if (html.isEmpty() && text.isEmpty()) {
            return new InForce(language, DefaultJoinBlocks.of(language), true);
        }
        JoinBlockTemplate fallback = DefaultJoinBlocks.of(language);
        return new InForce(language, new JoinBlockTemplate(html.orElse(fallback.html()), text.orElse(fallback.text())), false);
    }

    public List<InForce> all() {
        return Arrays.stream(JoinBlockLanguage.values()).map(this::inForce).toList();
    }

    /** Saves {@code template} for {@code language} if {@link TemplateCheck} accepts it; otherwise {@link TemplateRefused}. */
    public InForce change(JoinBlockLanguage language, JoinBlockTemplate template, String administrator) {
        TemplateCheck.checked(template);
        save(language, template.html(), template.text(), administrator);
        LOG.info(() -> "The " + language.code() + " join-block template " + administrator + " saved applies from the next calendar event on");
        return inForce(language);
    }

    /** Puts the shipped default back in force for {@code language}. */
    public InForce reset(JoinBlockLanguage language, String administrator) {
        save(language, "", "", administrator);
        LOG.info(() -> administrator + " put the default " + language.code() + " join-block template back in force");
        return inForce(language);
    }

    static String htmlSetting(JoinBlockLanguage language) {
        return "calendar.join-block." + language.code() + ".html";
    }

    static String textSetting(JoinBlockLanguage language) {
        return "calendar.join-block." + language.code() + ".text";
    }

    private void save(JoinBlockLanguage language, String html, String text, String administrator) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(htmlSetting(language), html);
        values.put(textSetting(language), text);
        saved.save(values, administrator);
    }
}
