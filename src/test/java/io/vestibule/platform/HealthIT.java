package io.vestibule.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.platform.http.OpenApiDocumentServlet;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Health (R-RUN-4) and the served OpenAPI documents. */
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
    void theOpenApiDocumentIsTheMaintainedOpenApi31One(VestibuleServer server) throws IOException {
        ApiResponse openApi = server.newClient().get("/openapi");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.header("Content-Type")).startsWith("application/yaml");
        assertThat(openApi.body()).as("not Payara's generated OpenAPI 3.0").isEqualTo(document(OpenApiDocumentServlet.PORTAL))
                .contains("openapi: 3.1.0").contains("/api/v1/meetings").contains("/api/v1/auth/login");
        assertThat(openApi.body()).as("the admin API is described on the admin port only")
                .doesNotContain("/admin/").doesNotContain(":" + server.adminPort());
        assertThat(server.newClient().get("/api/v1/application.wadl").status()).as("no WADL").isEqualTo(404);
    }

    @Test
    void theAdminApiIsDescribedOnTheAdminPort(VestibuleServer server) throws IOException {
        ApiResponse openApi = server.adminClient().get("/admin/openapi");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).isEqualTo(document(OpenApiDocumentServlet.ADMIN)).contains("openapi: 3.1.0")
                .contains("/admin/api/v1/users/{id}");
        assertThat(server.newClient().get("/admin/openapi").status()).as("not on the portal's port").isEqualTo(404);
    }

    private static String document(String name) throws IOException {
        try (InputStream in = OpenApiDocumentServlet.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
