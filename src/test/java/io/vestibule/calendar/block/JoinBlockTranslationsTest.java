package io.vestibule.calendar.block;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.testing.MessageBundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console explains every refusal of a join-block template and describes every placeholder in each language; the
 * refusal codes live in {@link TemplateRefused.Reason}, where the scan of {@code ErrorTranslationsTest} cannot see them.
 */
class JoinBlockTranslationsTest {
    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr"})
    void everyRefusalAndPlaceholderIsDescribed(String language) {
        Set<String> keys = new HashSet<>(MessageBundles.messages(MessageBundles.PORTAL, language).keySet());
        keys.addAll(MessageBundles.messages(MessageBundles.CONSOLE, language).keySet());
        Set<String> wanted = new TreeSet<>();
        Arrays.stream(TemplateRefused.Reason.values()).map(reason -> "error.invalid_request." + reason.code()).forEach(wanted::add);
        Arrays.stream(Placeholder.values()).map(placeholder -> "admin.joinBlock.placeholder." + placeholder.key()).forEach(wanted::add);
        Arrays.stream(JoinBlockLanguage.values()).map(shown -> "admin.joinBlock.language." + shown.code()).forEach(wanted::add);

        wanted.removeAll(keys);

        assertThat(wanted).as("join-block messages missing in " + language).isEmpty();
    }
}
