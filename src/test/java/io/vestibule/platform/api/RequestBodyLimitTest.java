package io.vestibule.platform.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The bounds of a request body as the API reads it: its size, and the time it may take (penetration test, finding 1). */
class RequestBodyLimitTest {

    @Test
    void aBodyWithinItsSizeAndTimeIsReadWhole() throws IOException {
        RequestBodyLimit.Limited body = new RequestBodyLimit.Limited(new ByteArrayInputStream("{\"a\":1}".getBytes()), 64,
                System.nanoTime() + Duration.ofSeconds(10).toNanos());

        assertThat(new String(body.readAllBytes())).isEqualTo("{\"a\":1}");
    }

    @Test
    void aBodyStillArrivingAtItsDeadlineIsNotReceived() throws IOException {
        RequestBodyLimit.Limited body = new RequestBodyLimit.Limited(new ByteArrayInputStream("{\"a\":1}".getBytes()), 64,
                System.nanoTime() - 1);

        assertThatExceptionOfType(RequestBodyLimit.BodyNotReceived.class).isThrownBy(body::read);
    }

    @Test
    void aReadThatTimedOutOrBrokeIsNotReceivedEither() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("no byte for 10 s");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return read();
            }
        };
        RequestBodyLimit.Limited body = new RequestBodyLimit.Limited(stalled, 64, System.nanoTime() + Duration.ofSeconds(10).toNanos());

        assertThatExceptionOfType(RequestBodyLimit.BodyNotReceived.class).isThrownBy(() -> body.read(new byte[8], 0, 8))
                .withCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aBodyOverItsSizeIsTooLarge() {
        RequestBodyLimit.Limited body = new RequestBodyLimit.Limited(new ByteArrayInputStream(new byte[100]), 64,
                System.nanoTime() + Duration.ofSeconds(10).toNanos());

        assertThatExceptionOfType(RequestBodyLimit.BodyTooLarge.class).isThrownBy(body::readAllBytes);
    }

    @Test
    void onFieldNamingRoutesABodyOverItsSizeNamesTheFieldItGrewTooLargeIn() throws IOException {
        byte[] huge = ("{\"start\":\"2026-12-01T10:00:00Z\",\"subject\":\"" + "m".repeat(1000) + "\"}").getBytes();
        RequestBodyLimit.Limited body = new RequestBodyLimit.Limited(new ByteArrayInputStream(huge), 64,
                System.nanoTime() + Duration.ofSeconds(10).toNanos(), true);

        assertThatExceptionOfType(RequestBodyLimit.BodyTooLarge.class).isThrownBy(body::readAllBytes)
                .satisfies(tooLarge -> assertThat(tooLarge.field()).contains("subject"));
    }

    @Test
    void elsewhereABodyOverItsSizeIsRefusedAsAWhole() {
        byte[] huge = ("{\"title\":\"" + "m".repeat(1000) + "\"}").getBytes();
        RequestBodyLimit.Limited body = new RequestBodyLimit.Limited(new ByteArrayInputStream(huge), 64,
                System.nanoTime() + Duration.ofSeconds(10).toNanos());

        assertThatExceptionOfType(RequestBodyLimit.BodyTooLarge.class).isThrownBy(body::readAllBytes)
                .satisfies(tooLarge -> assertThat(tooLarge.field()).isEmpty());
    }

    @Test
    void aDeclaredTooLargeBodyIsDrainedKeepingOnlyItsStartWhenAsked() {
        byte[] huge = ("{\"subject\":\"" + "m".repeat(100_000) + "\"}").getBytes();

        assertThat(RequestBodyLimit.drain(new ByteArrayInputStream(huge), 64)).hasSize(64).startsWith("{\"subject\"".getBytes());
        assertThat(RequestBodyLimit.drain(new ByteArrayInputStream(huge), 0)).isEmpty();
        assertThat(OversizedField.in(RequestBodyLimit.drain(new ByteArrayInputStream(huge), 64))).contains("subject");
    }

    @Test
    void onlyTheCalendarEventRoutesNameTheField() {
        assertThat(RequestBodyLimit.namesField("calendar/events/AAMk")).isTrue();
        assertThat(RequestBodyLimit.namesField("/calendar/events/AAMk")).isTrue();
        assertThat(RequestBodyLimit.namesField("meetings")).isFalse();
        assertThat(RequestBodyLimit.namesField("join/calendar/events/x")).isFalse();
    }

    @Test
    void theBodyTimeoutIsBetweenOneSecondAndFiveMinutes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestBodyLimit(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestBodyLimit(Duration.ofSeconds(301)));
        assertThat(new RequestBodyLimit(Duration.ofSeconds(20))).isNotNull();
    }
}
