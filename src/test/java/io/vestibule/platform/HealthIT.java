package io.vestibule.platform;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Health (R-RUN-4) and the served OpenAPI document. */
@ExtendWith(ServerResolver.class)
class HealthIT {

    @Test
    void readinessCoversTheDatabaseTheDirectoryAndSingleSignOn(VestibuleServer server) {
        ApiResponse ready = server.newClient().get("/health/ready");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(ready.json().getJsonArray("checks").getValuesAs(JsonObject.class))
                .extracting(check -> check.getString("name") + "=" + check.getString("status"))
                .contains("database=UP", "directory=UP", "sso=UP");
        assertThat(server.newClient().get("/health/live").json().getString("status")).isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheMeetingsApi(VestibuleServer server) {
        ApiResponse openApi = server.newClient().get("/openapi");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/meetings").contains("/api/v1/auth/login");
        assertThat(openApi.body()).as("the admin API is described on the admin port only, if anywhere")
                .doesNotContain("/admin/").doesNotContain(":" + server.adminPort());
        assertThat(server.newClient().get("/api/v1/application.wadl").status()).as("no WADL").isEqualTo(404);
    }
}
