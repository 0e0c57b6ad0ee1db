package io.vestibule.access.token;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenSettingsTest {
    private final TokenSettings defaults = TokenSettings.defaults(TokenFixture.ISSUER);

    @Test
    void defaultsFollowRJoin2() {
        assertThat(defaults.audience()).isEqualTo("urn:vestibule:conference");
        assertThat(defaults.joinLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.lobbyLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.allowedClockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.signingKeyRotation()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.maxTokenBytes()).isEqualTo(4096);
        assertThat(defaults.lifetimeOf(TokenKind.JOIN)).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.lifetimeOf(TokenKind.LOBBY)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void joinLifetimeIsThirtyToNineHundredSeconds() {
        assertThat(defaults.withJoinLifetime(Duration.ofSeconds(30)).joinLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.withJoinLifetime(Duration.ofSeconds(900)).joinLifetime()).isEqualTo(Duration.ofSeconds(900));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withJoinLifetime(Duration.ofSeconds(29)));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withJoinLifetime(Duration.ofSeconds(901)));
    }

    @Test
    void skewIsAtMostThirtySeconds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenSettings(TokenFixture.ISSUER, TokenSettings.AUDIENCE,
                Duration.ofSeconds(120), Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(31), Duration.ofHours(24), 4096));
    }

    @Test
    void issuerIsAnAbsoluteUrlAndAudienceTheConstant() {
        assertThatIllegalArgumentException().isThrownBy(() -> TokenSettings.defaults("vestibule"));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenSettings(TokenFixture.ISSUER, "urn:other",
                Duration.ofSeconds(120), Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(30), Duration.ofHours(24), 4096));
    }

    @Test
    void otherDurationsMustBePositiveAndTheSizeLimitSane() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenSettings(TokenFixture.ISSUER, TokenSettings.AUDIENCE,
                Duration.ofSeconds(120), Duration.ZERO, Duration.ofDays(30), Duration.ofSeconds(30), Duration.ofHours(24), 4096));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenSettings(TokenFixture.ISSUER, TokenSettings.AUDIENCE,
                Duration.ofSeconds(120), Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(30), Duration.ZERO, 4096));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenSettings(TokenFixture.ISSUER, TokenSettings.AUDIENCE,
                Duration.ofSeconds(120), Duration.ofMinutes(15), Duration.ofDays(91), Duration.ofSeconds(30), Duration.ofHours(24), 4096));
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenSettings(TokenFixture.ISSUER, TokenSettings.AUDIENCE,
                Duration.ofSeconds(120), Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(30), Duration.ofHours(24), 100));
    }
}
