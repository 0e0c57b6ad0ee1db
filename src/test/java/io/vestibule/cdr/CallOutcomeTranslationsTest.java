package io.vestibule.cdr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.access.ParticipantRole;
import io.vestibule.access.conference.ParticipantState;
import io.vestibule.access.conference.WaitingReason;
import io.vestibule.testing.MessageBundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every outcome a call record can hold is described in each of the console's languages: the codes written where
 * call events are made (a code followed by {@code +} is a kind whose detail follows it), the join answers' outcomes,
 * and the roles, lobby reasons and departures the records take from their enums.
 */
class CallOutcomeTranslationsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/vestibule");
    private static final Pattern EVENT_LINE = Pattern.compile("(?:CallEvent\\.of\\(|failed\\(conferenceId|end\\(media,)[^\\n]*");
    private static final Pattern CODE = Pattern.compile("\"([a-z_/]+)\"( \\+)?");
    private static final Pattern JOIN_ANSWER_OUTCOME = Pattern.compile("return \"([a-z_]+)\";");

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr"})
    void everyOutcomeHasADescription(String language) throws IOException {
        Set<String> keys = MessageBundles.messages(MessageBundles.CONSOLE, language).keySet();
        Set<String> outcomes = outcomes();
        assertThat(outcomes).contains("invalid_pin", "host", "removed", "sdp_policy/", "ice_", "connected", "room_blocked");

        Set<String> missing = new TreeSet<>();
        outcomes.stream().filter(outcome -> !keys.contains("admin.cdr.outcome." + outcome)).forEach(missing::add);
        assertThat(missing).as("call-record outcomes without a description in " + language).isEmpty();
    }

    private static Set<String> outcomes() throws IOException {
        Set<String> outcomes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher line = EVENT_LINE.matcher(text);
                while (line.find()) {
                    CODE.matcher(line.group()).results()
                            .filter(code -> code.group(2) == null || code.group(1).endsWith("/") || code.group(1).endsWith("_"))
                            .forEach(code -> outcomes.add(code.group(1)));
                }
                if (source.endsWith("JoinAnswer.java")) {
                    JOIN_ANSWER_OUTCOME.matcher(text).results().forEach(code -> outcomes.add(code.group(1)));
                }
            }
        }
        Arrays.stream(ParticipantRole.values()).map(ParticipantRole::code).forEach(outcomes::add);
        Arrays.stream(WaitingReason.values()).map(WaitingReason::code).forEach(outcomes::add);
        Arrays.stream(ParticipantState.values()).filter(ParticipantState::departed)
                .map(state -> state.name().toLowerCase(Locale.ROOT)).forEach(outcomes::add);
        return outcomes;
    }
}
