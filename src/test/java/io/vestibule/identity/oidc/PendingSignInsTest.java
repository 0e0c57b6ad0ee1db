package io.vestibule.identity.oidc;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PendingSignInsTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final PendingSignIns pending = new PendingSignIns(POLICY, POLICY.newSecureRandom(), clock, Duration.ofMinutes(10), 3);

    @Test
    void eachRequestHasItsOwnRandomStateNonceAndVerifier() throws Exception {
        PendingSignIns.Begun first = pending.begin("/a");
        PendingSignIns.Begun second = pending.begin("/b");

        assertThat(first.request().state()).hasSize(43).isNotEqualTo(second.request().state());
        assertThat(first.request().nonce()).isNotEqualTo(second.request().nonce()).isNotEqualTo(first.request().state());
        assertThat(first.request().codeVerifier()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(second.request().codeVerifier());
        assertThat(first.handle()).isNotEqualTo(second.handle());
        assertThat(first.toString()).doesNotContain(first.handle(), first.request().state(), first.request().codeVerifier());
    }

    @Test
    void aHandleIsTakenOnceWithinItsLifetime() throws Exception {
        PendingSignIns.Begun begun = pending.begin("/a");
        assertThat(pending.take(begun.handle())).contains(begun.request());
        assertThat(pending.take(begun.handle())).isEmpty();

        PendingSignIns.Begun late = pending.begin("/a");
        clock.advance(Duration.ofMinutes(10));
        assertThat(pending.take(late.handle())).isEmpty();
        assertThat(pending.take("unknown")).isEmpty();
        assertThat(pending.take("")).isEmpty();
        assertThat(pending.take(null)).isEmpty();
    }

    @Test
    void theStateIsComparedExactly() throws Exception {
        PendingSignIn request = pending.begin("/a").request();

        assertThat(request.stateMatches(request.state())).isTrue();
        assertThat(request.stateMatches(request.state() + "x")).isFalse();
        assertThat(request.stateMatches(request.state().substring(1))).isFalse();
        assertThat(request.stateMatches(null)).isFalse();
    }

    @Test
    void pastItsCapacityNewRequestsAreRefusedUntilOldOnesExpire() throws Exception {
        for (int i = 0; i < 3; i++) {
            pending.begin("/a");
        }
        assertThatExceptionOfType(SsoRefused.class).isThrownBy(() -> pending.begin("/a"))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(SsoRefused.Reason.BUSY));

        clock.advance(Duration.ofMinutes(10));
        assertThat(pending.begin("/a").handle()).isNotBlank();
    }
}
