package io.vestibule.identity.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OidcSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://sso.example.org/realms/vestibule", "http://localhost:8180/realms/vestibule",
            "http://127.0.0.1:8180/realms/vestibule", "http://[::1]:8180/realms/vestibule"})
    void httpsIssuersAndPlainHttpOnLoopbackAreAccepted(String issuer) {
        assertThat(settings(issuer).discoveryUri()).isEqualTo(URI.create(issuer + "/.well-known/openid-configuration"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://sso.example.org/realms/vestibule", "http://10.0.0.1/realms/vestibule", "ftp://localhost/x",
            "https://sso.example.org/realms/vestibule?x=1", "https://sso.example.org/realms/vestibule#f", "/realms/vestibule"})
    void otherIssuersAreRefused(String issuer) {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(issuer));
    }

    @Test
    void theScopesMustAskForOpenIdAndTheSecretIsNeverPrinted() {
        OidcSettings settings = settings("https://sso.example.org/realms/vestibule");
        assertThat(settings.toString()).doesNotContain("s3cret-value");
        assertThatIllegalArgumentException().isThrownBy(() -> new OidcSettings(settings.issuer(), "portal", settings.clientSecret(),
                settings.redirectUri(), settings.postLogoutRedirectUri(), List.of("profile"), "api", "vestibule", List.of("vestibule-outlook"), Optional.empty(), List.of(),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(5)));
    }

    @Test
    void atLeastOneClientMayCallTheApi() {
        OidcSettings settings = settings("https://sso.example.org/realms/vestibule");
        assertThatIllegalArgumentException().isThrownBy(() -> new OidcSettings(settings.issuer(), "portal", settings.clientSecret(),
                settings.redirectUri(), settings.postLogoutRedirectUri(), List.of("openid"), "api", "vestibule", List.of(), Optional.empty(),
                List.of(), Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(5)));
    }

    @Test
    void theClockSkewIsBetweenZeroAndTwoMinutes() {
        OidcSettings settings = settings("https://sso.example.org/realms/vestibule");
        for (Duration skew : List.of(Duration.ofSeconds(-1), Duration.ofSeconds(121), Duration.ofDays(1))) {
            assertThatIllegalArgumentException().as(skew.toString()).isThrownBy(() -> new OidcSettings(settings.issuer(), "portal",
                    settings.clientSecret(), settings.redirectUri(), settings.postLogoutRedirectUri(), List.of("openid"), "api", "vestibule", List.of("vestibule-outlook"),
                    Optional.empty(), List.of(), skew, Duration.ofSeconds(3), Duration.ofSeconds(5)));
        }
    }

    @Test
    void aTrailingSlashOfTheIssuerIsKeptInItsIdentityButNotDoubledInDiscovery() {
        OidcSettings settings = settings("https://sso.example.org/realms/vestibule/");
        assertThat(settings.issuerId()).isEqualTo("https://sso.example.org/realms/vestibule/");
        assertThat(settings.discoveryUri()).hasToString("https://sso.example.org/realms/vestibule/.well-known/openid-configuration");
    }

    @Test
    void thePortalGroupIsAFullPathAndAPlainNameIsATopLevelGroup() {
        assertThat(OidcConfiguration.groupPath("vestibule-users")).isEqualTo("/vestibule-users");
        assertThat(OidcConfiguration.groupPath(" /vestibule-users ")).isEqualTo("/vestibule-users");
        assertThat(OidcConfiguration.groupPath("/staff/vestibule-users")).isEqualTo("/staff/vestibule-users");
    }

    static OidcSettings settings(String issuer) {
        return settings(issuer, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    /** The same, with other time limits for reaching the provider. */
    static OidcSettings settings(String issuer, Duration connectTimeout, Duration requestTimeout) {
        return new OidcSettings(URI.create(issuer), "vestibule-portal", new OidcSettings.ClientSecret("s3cret-value".toCharArray()),
                URI.create("https://portal.example.org/api/v1/auth/sso/callback"), URI.create("https://portal.example.org/index.html"),
                List.of("openid", "profile"), "vestibule-api", "vestibule", List.of("vestibule-outlook"), Optional.empty(), List.of(),
                Duration.ofSeconds(30), connectTimeout, requestTimeout);
    }
}
