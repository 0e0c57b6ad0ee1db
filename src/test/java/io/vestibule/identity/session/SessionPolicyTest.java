package io.vestibule.identity.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionPolicyTest {
    @Test
    void refusesAZeroOrNegativeIdleTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionPolicy(Duration.ZERO, Duration.ofHours(1), 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionPolicy(Duration.ofMinutes(-5), Duration.ofHours(1), 5));
    }

    @Test
    void refusesALifetimeShorterThanTheIdleTimeout() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SessionPolicy(Duration.ofMinutes(30), Duration.ofMinutes(29), 5));
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(1), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(1), -1));
    }

    @Test
    void acceptsSensibleValuesIncludingTheBoundaries() {
        assertThat(new SessionPolicy(Duration.ofMinutes(30), Duration.ofMinutes(30), 1).perUserLimit()).isEqualTo(1);
        assertThat(new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(12), 10).idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    }
}
