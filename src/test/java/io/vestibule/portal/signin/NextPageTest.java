package io.vestibule.portal.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After sign-in the browser goes to one of the portal's pages only. The cases are shared with the sign-in page's
 * rule ({@code next-page.js}), which {@code SignInPageBrowserIT} checks in Chromium against the same table.
 */
class NextPageTest {
    /** The table both rules are checked against: {@code [{next, page}]}. */
    static List<JsonObject> cases() {
        try (InputStream table = NextPageTest.class.getResourceAsStream("/next-page-cases.json")) {
            return Json.createReader(table).readArray().getValuesAs(JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> table() {
        return cases().stream().map(row -> Arguments.of(row.isNull("next") ? null : row.getString("next"), row.getString("page")));
    }

    @ParameterizedTest
    @MethodSource("table")
    void eachCaseOfTheSharedTable(String next, String page) {
        assertThat(NextPage.of(next)).isEqualTo(page);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/\r\nSet-Cookie:x=1", "/meetings.html\u0000"})
    void whatNoUrlParserAcceptsGoesToTheMeetings(String next) {
        assertThat(NextPage.of(next)).isEqualTo(NextPage.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(ints = {501, 10_000})
    void anOverlongRequestGoesToTheMeetings(int length) {
        assertThat(NextPage.of("/book.html?id=" + "a".repeat(length))).isEqualTo(NextPage.DEFAULT);
    }
}
