package io.vestibule.identity.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionPolicyTest {
    @Test
    void refusesAZeroOrNegativeIdleTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy(Duration.ZERO, Duration.ofHours(1), 5));
        assertThatIllegalArgumentException().isThrownBy(() -> policy(Duration.ofMinutes(-5), Duration.ofHours(1), 5));
    }

    @Test
    void refusesALifetimeShorterThanTheIdleTimeout() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> policy(Duration.ofMinutes(30), Duration.ofMinutes(29), 5));
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy(Duration.ofMinutes(30), Duration.ofHours(1), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> policy(Duration.ofMinutes(30), Duration.ofHours(1), -1));
    }

    @Test
    void acceptsSensibleValuesIncludingTheBoundaries() {
        assertThat(policy(Duration.ofMinutes(30), Duration.ofMinutes(30), 1).perUserLimit()).isEqualTo(1);
        assertThat(policy(Duration.ofMinutes(5), Duration.ofHours(12), 10).idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesATotalBelowThePerUserLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(1), 10, 9,
                SessionPolicy.WhenFull.REFUSE));
        assertThat(new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(1), 10, 10, SessionPolicy.WhenFull.REFUSE).totalLimit())
                .isEqualTo(10);
    }

    private static SessionPolicy policy(Duration idle, Duration lifetime, int perUser) {
        return new SessionPolicy(idle, lifetime, perUser, 100, SessionPolicy.WhenFull.END_OLDEST);
    }
}
