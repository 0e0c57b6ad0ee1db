package io.vestibule;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import io.vestibule.admin.api.AdminApplication;
import io.vestibule.platform.http.OpenApiDocumentServlet;
import io.vestibule.portal.PortalApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI documents are maintained by hand: each must be valid OpenAPI 3.1 and list exactly the routes
 * its JAX-RS application answers, read here from the resources' annotations.
 */
class OpenApiDocumentsTest {

    @Test
    void thePortalDocumentListsEveryPortalRouteAndNoOther() throws IOException {
        assertDescribes(OpenApiDocumentServlet.PORTAL, new PortalApplication());
    }

    @Test
    void theAdminDocumentListsEveryAdminRouteAndNoOther() throws IOException {
        assertDescribes(OpenApiDocumentServlet.ADMIN, new AdminApplication());
    }

    @Test
    void routesAreReadFromTheResources() {
        assertThat(routes(new PortalApplication()))
                .contains("POST /api/v1/meetings", "GET /api/v1/meetings/{id}/invite.ics", "POST /api/v1/join/{alias}");
        assertThat(routes(new AdminApplication())).contains("GET /admin/api/v1/banner", "DELETE /admin/api/v1/users/{id}");
    }

    private static void assertDescribes(String document, Application application) throws IOException {
        OpenAPI api = parsed(document);
        assertThat(api.getOpenapi()).startsWith("3.1.");
        assertThat(operations(api)).as(document).containsExactlyInAnyOrderElementsOf(routes(application));
        api.getPaths().values().stream().flatMap(path -> path.readOperations().stream()).forEach(operation -> {
            assertThat(operation.getResponses()).as(operation.getSummary()).isNotEmpty().containsKey("500");
            assertThat(operation.getSummary()).isNotBlank();
        });
    }

    private static OpenAPI parsed(String document) throws IOException {
        String text;
        try (InputStream in = OpenApiDocumentServlet.class.getResourceAsStream(document)) {
            assertThat(in).as(document).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as(document + " is valid OpenAPI").isEmpty();
        return result.getOpenAPI();
    }

    private static Set<String> operations(OpenAPI api) {
        Set<String> operations = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(method.name() + " " + path)));
        return operations;
    }

    /** "METHOD /path" of every resource method of the application, path templates without their regular expressions. */
    private static Set<String> routes(Application application) {
        String base = application.getClass().getAnnotation(ApplicationPath.class).value();
        Set<String> routes = new TreeSet<>();
        for (Class<?> resource : application.getClasses()) {
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                Path sub = method.getAnnotation(Path.class);
                httpMethod(method).ifPresent(verb -> routes.add(verb + " "
                        + join(base, root.value(), sub == null ? "" : sub.value())));
            }
        }
        return routes;
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations()).map(Annotation::annotationType)
                .map(type -> type.getAnnotation(HttpMethod.class)).filter(Objects::nonNull)
                .map(HttpMethod::value).findFirst();
    }

    private static String join(String... parts) {
        String joined = String.join("/", Stream.of(parts).filter(part -> !part.isEmpty()).toList())
                .replaceAll("/{2,}", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
