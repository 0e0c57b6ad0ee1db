package io.vestibule.platform.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.access.InvitationRefused;
import io.vestibule.access.token.TokenRejection;
import io.vestibule.testing.MessageBundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error code and every {@code invalid_request} reason the server can send has a message in each language, so
 * a page never shows the server's English text instead. The codes are read from the sources, in the shapes the API's
 * errors are written in ({@link ApiProblem}, {@link ErrorBodies}, refusals with a reason); codes the console alone
 * receives (those of {@code io.vestibule.admin} and of the calendar integrations) may be in the console's bundle, the others must be in the portal's,
 * which the console loads too.
 */
class ErrorTranslationsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/vestibule");
    /** Sources whose refusals reach the console alone: the admin API, and the calendar integrations it alone creates. */
    private static final List<Path> CONSOLE_SOURCES = List.of(SOURCES.resolve("admin"), SOURCES.resolve("calendar").resolve("integration"));
    private static final List<Pattern> CODES = List.of(
            Pattern.compile("new ApiProblem\\(\\s*(?:Response\\.Status\\.\\w+|\\d+),\\s*\"([a-z_]+)\""),
            Pattern.compile("(?:ErrorBodies\\.response|refusal|simple)\\(\\s*\\d+,\\s*\"([a-z_]+)\""),
            Pattern.compile("ErrorBodies\\.body\\(\\s*\"([a-z_]+)\""),
            Pattern.compile("\\b\\d{3}, \"([a-z_]+)\""));
    private static final List<Pattern> REASONS = List.of(
            Pattern.compile("invalidField\\(\\s*(?:\"\\w+\"|[\\w.()]+),\\s*\"([a-z_]+)\""),
            Pattern.compile("invalidBody(?:ThenClose)?\\(\\s*\"([a-z_]+)\""),
            Pattern.compile("Map\\.of\\([^)]*\"reason\", \"([a-z_]+)\""),
            Pattern.compile("new FieldRefused\\(\\s*\"\\w+\",\\s*\"([a-z_]+)\""));

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr"})
    void everyErrorCodeHasAMessage(String language) throws IOException {
        Set<String> portal = new HashSet<>(MessageBundles.messages(MessageBundles.PORTAL, language).keySet());
        Set<String> console = new HashSet<>(portal);
        console.addAll(MessageBundles.messages(MessageBundles.CONSOLE, language).keySet());

        Set<String> portalMissing = new TreeSet<>();
        Set<String> consoleMissing = new TreeSet<>();
        for (Path source : sources()) {
            boolean consoleOnly = CONSOLE_SOURCES.stream().anyMatch(source::startsWith);
            Set<String> bundle = consoleOnly ? console : portal;
            Set<String> missing = consoleOnly ? consoleMissing : portalMissing;
            String text = Files.readString(source);
            found(text, CODES).stream().map(ErrorTranslationsTest::key).filter(key -> !bundle.contains(key)).forEach(missing::add);
            found(text, REASONS).stream().map(reason -> "error.invalid_request." + reason).filter(key -> !bundle.contains(key))
                    .forEach(missing::add);
        }
        Arrays.stream(InvitationRefused.Reason.values()).map(reason -> key(reason.code()))
                .filter(key -> !portal.contains(key)).forEach(portalMissing::add);
        Arrays.stream(TokenRejection.values()).map(rejection -> key(rejection.code()))
                .filter(key -> !portal.contains(key)).forEach(portalMissing::add);

        assertThat(portalMissing).as("portal messages missing in " + language).isEmpty();
        assertThat(consoleMissing).as("console messages missing in " + language).isEmpty();
    }

    @Test
    void theScanFindsTheCodesItLooksFor() throws IOException {
        Set<String> codes = new TreeSet<>();
        Set<String> reasons = new TreeSet<>();
        for (Path source : sources()) {
            String text = Files.readString(source);
            codes.addAll(found(text, CODES));
            reasons.addAll(found(text, REASONS));
        }
        assertThat(codes).contains("invalid_request", "not_found", "blocked", "password_policy", "busy", "unsupported_media_type");
        assertThat(reasons).contains("required", "too_long", "control_characters", "date_time", "already_over", "refused",
                "not_json", "content_length", "directory_settings");
    }

    /**
     * Pages say the same for every refused join token ({@code token_*}): the place is lost, join again; but a spent
     * lobby token says what happened, for it may mean that someone else holds a copy.
     */
    private static String key(String code) {
        return code.startsWith("token_") && !code.equals(TokenRejection.SPENT.code()) ? "error.token" : "error." + code;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }

    private static Set<String> found(String text, List<Pattern> patterns) {
        Set<String> found = new TreeSet<>();
        patterns.forEach(pattern -> pattern.matcher(text).results().map(result -> result.group(1)).forEach(found::add));
        return found;
    }
}
