package io.vestibule.platform.api;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OversizedFieldTest {

    @Test
    void namesTheTopLevelFieldTheBodyEndedIn() {
        assertThat(field("{\"subject\":\"mmmmmmmm")).contains("subject");
        assertThat(field("{ \"start\" : \"2026\", \"subject\" : \"m\\\"m\\\\mm")).contains("subject");
        assertThat(field("{\"a\":1,\"invitees\":[\"x@example.org\",\"y")).contains("invitees");
        assertThat(field("{\"room\":{\"subject\":\"mmmm")).as("the top-level field, not the nested one").contains("room");
        assertThat(field("{\"title\":\"Tea, then: {cake}\",\"subject\":\"mm")).as("commas and braces in strings are text").contains("subject");
    }

    @Test
    void namesNothingWhenTheBodyIsNotInsideAPlainlyNamedField() {
        assertThat(field("")).isEmpty();
        assertThat(field("        ")).isEmpty();
        assertThat(field("[\"subject\",\"mmmm")).isEmpty();
        assertThat(field("{\"subject\":\"m\"},{\"x\":\"m")).isEmpty();
        assertThat(field("{\"a\":1,\"sub")).as("still in a field's name").isEmpty();
        assertThat(field("{\"sub\\\"ject\":\"mmm")).as("a name with escapes is not echoed").isEmpty();
        assertThat(field("{\"<script>\":\"mmm")).isEmpty();
        assertThat(field("{\"" + "n".repeat(65) + "\":\"mmm")).isEmpty();
    }

    private static java.util.Optional<String> field(String prefix) {
        return OversizedField.in(prefix.getBytes(StandardCharsets.UTF_8));
    }
}
