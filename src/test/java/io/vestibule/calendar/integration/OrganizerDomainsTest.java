package io.vestibule.calendar.integration;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vestibule.platform.FieldRefused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizerDomainsTest {
    @Test
    void domainsAreLowerCasedWithoutRepeatsAndMatchAnAddressExactly() {
        OrganizerDomains domains = OrganizerDomains.parse(List.of(" Example.COM ", "example.com", "sales.example.org"));

        assertThat(domains.domains()).containsExactly("example.com", "sales.example.org");
        assertThat(domains.allows("Ana@EXAMPLE.com")).isTrue();
        assertThat(domains.allows("bea@sales.example.org")).isTrue();
        assertThat(domains.allows("eve@example.org")).isFalse();
        assertThat(domains.allows("eve@evil-example.com")).isFalse();
        assertThat(domains.allows("eve@example.com.evil.net")).isFalse();
        assertThat(domains.allows("example.com")).isFalse();
        assertThat(OrganizerDomains.fromStored(domains.stored())).isEqualTo(domains);
    }

    @Test
    void anAddressWithSeveralAtSignsIsJudgedByItsLastDomain() {
        OrganizerDomains domains = OrganizerDomains.parse(List.of("example.com"));

        assertThat(domains.allows("eve@example.com@evil.net")).isFalse();
    }

    @Test
    void noDomainsWildcardsAndBareNamesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> OrganizerDomains.parse(List.of())).isInstanceOfSatisfying(FieldRefused.class,
                refused -> assertThat(refused.reason()).isEqualTo("required"));
        for (String wrong : List.of("*.example.com", "localhost", "example..com", "ana@example.com", "exa mple.com", "-example.com")) {
            assertThatThrownBy(() -> OrganizerDomains.parse(List.of(wrong))).as(wrong).isInstanceOfSatisfying(FieldRefused.class,
                    refused -> assertThat(refused.field() + "/" + refused.reason()).isEqualTo("organizerDomains/invalid_domain"));
        }
    }
}
