package io.vestibule.platform.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypedTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000", "escape\u001b[31m", "bell\u0007", "delete\u007f", "c1\u0085", "line\nbreak", "tab\there", "return\r"})
    void oneLineRefusesEveryControlCharacterNamingTheField(String text) {
        assertThatThrownBy(() -> TypedText.oneLine("title", text))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.code()).isEqualTo("invalid_request");
                    assertThat(problem.details()).containsEntry("field", "title").containsEntry("reason", "control_characters");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Réunion d’équipe – Q1", "会议", "Zoë 🎥", "a\u00a0b"})
    void oneLineKeepsPrintableText(String text) {
        assertThat(TypedText.oneLine("title", text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorised use only.\nActivity is logged.", "Windows\r\nline", "Indented\tcolumn"})
    void linesKeepLineBreaksAndTabs(String text) {
        assertThat(TypedText.lines("banner", text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorised\u0000", "Cleared\u001b[2J", "Form\ffeed"})
    void linesRefuseOtherControlCharacters(String text) {
        assertThatThrownBy(() -> TypedText.lines("banner", text)).isInstanceOf(ApiProblem.class);
    }
}
