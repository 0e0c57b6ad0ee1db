package io.vestibule.platform.api;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonShapeTest {

    private static boolean refused(String body) {
        return JsonShape.refusal(body.getBytes(StandardCharsets.UTF_8)).isPresent();
    }

    @Test
    void theApisOwnBodiesPass() {
        assertThat(refused("{\"title\":\"Weekly\",\"start\":\"2026-12-01T10:00:00Z\",\"participantLimit\":100,"
                + "\"recurrence\":{\"rule\":\"FREQ=WEEKLY;COUNT=4\"},\"invitees\":[\"bob@example.org\"],\"guestsWaitForHost\":true}"))
                .isFalse();
        assertThat(refused("{\"n\":-9223372036854775808,\"x\":1.5e-300}")).isFalse();
    }

    @Test
    void depthBeyondTheLimitIsRefusedAndUpToItPasses() {
        assertThat(refused("[".repeat(JsonShape.MAX_DEPTH) + "]".repeat(JsonShape.MAX_DEPTH))).isFalse();
        assertThat(refused("[".repeat(JsonShape.MAX_DEPTH + 1) + "]".repeat(JsonShape.MAX_DEPTH + 1))).isTrue();
        assertThat(refused("{\"a\":".repeat(1000) + "1" + "}".repeat(1000))).isTrue();
    }

    @Test
    void closedLevelsDoNotAddUp() {
        assertThat(refused("[" + "[],".repeat(100) + "[]]")).isFalse();
    }

    @Test
    void aLongNumberIsRefusedAndLongDigitsInAStringAreNot() {
        assertThat(refused("{\"pin\":" + "1".repeat(JsonShape.MAX_NUMBER_CHARACTERS) + "}")).isFalse();
        assertThat(refused("{\"pin\":" + "1".repeat(JsonShape.MAX_NUMBER_CHARACTERS + 1) + "}")).isTrue();
        assertThat(refused("{\"pin\":\"" + "1".repeat(1100) + "\"}")).isFalse();
    }

    @Test
    void bracketsAndQuotesInsideStringsDoNotCount() {
        assertThat(refused("{\"title\":\"" + "[{".repeat(100) + "\\\"" + "[".repeat(100) + "\"}")).isFalse();
    }
}
