package io.vestibule.identity.oidc;

import java.util.Collections;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider's claims are bounded at the edge: what cannot fit an account falls back or is left out. */
class SsoIdentityTest {

    @Test
    void missingOrUnusableNamesFallBackToTheSubject() {
        SsoIdentity identity = SsoIdentity.of(new JWTClaimsSet.Builder().subject("sub-1")
                .claim("preferred_username", "x".repeat(256)).claim("name", "Bad\u0000Name").claim("email", "not-an-address")
                .claim("groups", List.of("ok", 7, "bad\nname", "")).build());

        assertThat(identity.username()).isEqualTo("sub-1");
        assertThat(identity.displayName()).isEqualTo("sub-1");
        assertThat(identity.email()).isEmpty();
        assertThat(identity.groups()).containsExactly("ok");
    }

    @Test
    void onlyAnAddressTheProviderVerifiedIsKept() {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("sub-1").claim("email", "alice@example.org");

        assertThat(SsoIdentity.of(claims.build()).email()).as("no email_verified").isEmpty();
        assertThat(SsoIdentity.of(claims.claim("email_verified", false).build()).email()).isEmpty();
        assertThat(SsoIdentity.of(claims.claim("email_verified", "true").build()).email()).as("a string is not a boolean").isEmpty();
        assertThat(SsoIdentity.of(claims.claim("email_verified", true).build()).email()).contains("alice@example.org");
    }

    @Test
    void groupsAreBounded() {
        SsoIdentity identity = SsoIdentity.of(new JWTClaimsSet.Builder().subject("sub-1")
                .claim("groups", Collections.nCopies(500, "g")).claim("name", "  Alice Martin  ").build());

        assertThat(identity.groups()).hasSize(SsoIdentity.MAX_GROUPS);
        assertThat(identity.displayName()).isEqualTo("Alice Martin");
    }
}
