package io.vestibule.platform.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.json.JsonString;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vestibule.testing.MessageBundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal and the console name each thing with the word of {@code docs/glossary.md}: none of the words the
 * glossary sets aside for a language ("not ...") appears in that language's bundles.
 */
class GlossaryTest {
    private static final Path GLOSSARY = Path.of("docs/glossary.md");
    private static final Pattern SET_ASIDE = Pattern.compile("\\(not ([^)]+)\\)");

    @ParameterizedTest
    @CsvSource({"es, 3", "fr, 4"})
    void theBundlesUseTheGlossarysWords(String language, int column) throws IOException {
        List<String> setAside = new ArrayList<>();
        for (String row : Files.readAllLines(GLOSSARY)) {
            String[] cells = row.split("\\|");
            if (row.startsWith("| ") && cells.length > column) {
                SET_ASIDE.matcher(cells[column]).results()
                        .forEach(words -> List.of(words.group(1).split(",\\s*")).forEach(word -> setAside.add(word.strip())));
            }
        }
        assertThat(setAside).as("words the glossary sets aside in " + language).isNotEmpty();

        List<String> found = new ArrayList<>();
        for (Path bundle : List.of(MessageBundles.PORTAL, MessageBundles.CONSOLE)) {
            MessageBundles.messages(bundle, language).forEach((key, value) -> setAside.stream()
                    .filter(word -> Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                            .matcher(((JsonString) value).getString()).find())
                    .forEach(word -> found.add(bundle + " " + key + ": " + word.toLowerCase(Locale.ROOT))));
        }
        assertThat(found).as("messages using a word the glossary sets aside").isEmpty();
    }
}
