package io.vestibule.identity.oidc;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    @Test
    void theChallengeIsTheS256OfTheVerifierAsInRfc7636AppendixB() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", CryptoPolicy.standard()))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(CryptoPolicy.standard().pkceChallengeMethod()).isEqualTo("S256");
    }
}
