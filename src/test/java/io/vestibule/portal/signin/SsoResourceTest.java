package io.vestibule.portal.signin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** After sign-in the browser goes to a path of this site only: never another origin (no open redirect). */
class SsoResourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/meetings.html", "/meeting.html?id=4f1c2d3e-1111-2222-3333-444455556666", "/book.html"})
    void pathsOfThisSiteAreFollowed(String next) {
        assertThat(SsoResource.localPath(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "evil.example",
            "/a b", "/\r\nSet-Cookie:x=1", ""})
    void anythingElseGoesToTheMeetings(String next) {
        assertThat(SsoResource.localPath(next)).isEqualTo("/meetings.html");
    }
}
