package io.vestibule.identity.ldap;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.identity.ldap.DirectorySettings.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DirectorySettingsTest {
    private static DirectorySettings settings(String url, Transport transport, boolean allowInsecure) {
        return new DirectorySettings(URI.create(url), transport, allowInsecure, "CN=svc,DC=example,DC=org",
                "secret".toCharArray(), "OU=Users,DC=example,DC=org", "sAMAccountName", "user", List.of(),
                Optional.empty(), 3000, 5000);
    }

    @Test
    void plaintextIsRefusedUnlessInsecureTransportIsAllowed() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings("ldap://dc1.example.org", Transport.PLAINTEXT, false))
                .withMessageContaining("Plaintext");
        assertThat(settings("ldap://dc1.example.org", Transport.PLAINTEXT, true).transport()).isEqualTo(Transport.PLAINTEXT);
    }

    @Test
    void anLdapsUrlNeedsTheLdapsTransport() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings("ldaps://dc1.example.org", Transport.START_TLS, false));
        assertThatIllegalArgumentException().isThrownBy(() -> settings("ldaps://dc1.example.org", Transport.PLAINTEXT, true));
        assertThatIllegalArgumentException().isThrownBy(() -> settings("ldap://dc1.example.org", Transport.LDAPS, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://dc1.example.org", "dc1.example.org", "ldapi:///var/run/ldapi", "file:///etc/passwd"})
    void onlyLdapUrlsAreAccepted(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(url, Transport.START_TLS, false));
    }

    @Test
    void portsDefaultToTheTransportsPort() {
        assertThat(settings("ldap://dc1.example.org", Transport.START_TLS, false).port()).isEqualTo(389);
        assertThat(settings("ldaps://dc1.example.org", Transport.LDAPS, false).port()).isEqualTo(636);
        assertThat(settings("ldap://dc1.example.org:3389", Transport.START_TLS, false).port()).isEqualTo(3389);
        assertThat(settings("LDAPS://dc1.example.org:3636", Transport.LDAPS, false).host()).isEqualTo("dc1.example.org");
    }

    @Test
    void transportsParseFromConfigurationText() {
        assertThat(Transport.parse("StartTLS")).isEqualTo(Transport.START_TLS);
        assertThat(Transport.parse("start_tls")).isEqualTo(Transport.START_TLS);
        assertThat(Transport.parse("LDAPS")).isEqualTo(Transport.LDAPS);
        assertThat(Transport.parse("tls")).isEqualTo(Transport.LDAPS);
        assertThat(Transport.parse("none")).isEqualTo(Transport.PLAINTEXT);
        assertThatIllegalArgumentException().isThrownBy(() -> Transport.parse("ssl3"));
    }

    @Test
    void toStringDoesNotShowTheBindPassword() {
        assertThat(settings("ldap://dc1.example.org", Transport.START_TLS, false).toString()).doesNotContain("secret");
    }

    @Test
    void theStoredPasswordGoesOnlyToTheServerItWasSavedWithOverTheSameTransport() {
        DirectorySettings saved = settings("ldap://dc1.example.org:389", Transport.START_TLS, false);

        assertThat(settings("ldap://DC1.example.org", Transport.START_TLS, false).mayBeSentBindPasswordOf(saved))
                .as("the same server, the default port written out or not").isTrue();
        assertThat(settings("ldap://rogue.example.org:389", Transport.START_TLS, false).mayBeSentBindPasswordOf(saved)).isFalse();
        assertThat(settings("ldap://dc1.example.org:3389", Transport.START_TLS, false).mayBeSentBindPasswordOf(saved)).isFalse();
        assertThat(settings("ldaps://dc1.example.org:636", Transport.LDAPS, false).mayBeSentBindPasswordOf(saved)).isFalse();
        assertThat(settings("ldap://dc1.example.org:389", Transport.PLAINTEXT, true).mayBeSentBindPasswordOf(saved))
                .as("plaintext where the saved settings did not allow it").isFalse();
    }
}
