package io.vestibule.identity.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The provider's keys are fetched by one thread at a time and never under a lock (issue 22, item 3). */
class IssuerKeysTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T09:00:00Z"));
    private final CountDownLatch slowFetchStarted = new CountDownLatch(1);
    private final CountDownLatch slowFetchMayEnd = new CountDownLatch(1);
    private final AtomicInteger fetches = new AtomicInteger();

    @Test
    void whileOneThreadFetchesAnOldSetOthersAreServedTheCachedKeyAtOnce() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        String published = new JWKSet(key.toPublicJWK()).toString();
        IssuerKeys keys = new IssuerKeys(() -> {
            if (fetches.incrementAndGet() > 1) {
                slowFetchStarted.countDown();
                awaitQuietly(slowFetchMayEnd);
            }
            return published;
        }, CryptoPolicy.standard(), clock, Duration.ofSeconds(10), Duration.ofHours(1));
        assertThat(keys.find("k1")).isPresent();
        clock.advance(Duration.ofHours(2));

        Thread refresher = new Thread(() -> keys.find("k1"));
        refresher.start();
        assertThat(slowFetchStarted.await(5, TimeUnit.SECONDS)).as("the old set is being fetched again").isTrue();

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(keys.find("k1")).isPresent());
        assertThat(fetches.get()).as("no second fetch while one runs").isEqualTo(2);
        slowFetchMayEnd.countDown();
        refresher.join(5000);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
