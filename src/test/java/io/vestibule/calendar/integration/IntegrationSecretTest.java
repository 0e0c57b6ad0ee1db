package io.vestibule.calendar.integration;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationSecretTest {
    @Test
    void aSecretCarries256RandomBitsAndNeverShowsInToString() {
        IntegrationSecret secret = IntegrationSecret.generate(new SecureRandom());

        assertThat(secret.text()).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret.text())).hasSize(32);
        assertThat(secret.toString()).doesNotContain(secret.text());
        assertThat(IntegrationSecret.generate(new SecureRandom()).text()).isNotEqualTo(secret.text());
    }
}
