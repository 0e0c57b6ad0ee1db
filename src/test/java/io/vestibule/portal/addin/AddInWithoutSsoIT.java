package io.vestibule.portal.addin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The add-in on a service without single sign-on: it is still described, but says plainly it cannot sign in. */
@ExtendWith(ServerResolver.class)
class AddInWithoutSsoIT {
    @Test
    void theSettingsSaySingleSignOnIsNotConfiguredAndTheManifestNamesOnlyThisService(VestibuleServer server) {
        ApiResponse settings = server.newClient().get("/addin/settings.json");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(404);
        assertThat(settings.errorCode()).isEqualTo("sso_not_configured");

        ApiResponse manifest = server.newClient().get("/addin/manifest.xml");
        assertThat(manifest.status()).as(manifest.toString()).isEqualTo(200);
        assertThat(manifest.body().split("<AppDomain>", -1)).hasSize(2);
        assertThat(manifest.body()).contains("<AppDomain>" + server.baseUri().toString().replaceAll("/+$", "") + "</AppDomain>");
    }
}
