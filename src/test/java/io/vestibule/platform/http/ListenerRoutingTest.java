package io.vestibule.platform.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.platform.http.ListenerRouting.Route;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerRoutingTest {
    private static final int PORTAL = 8443;
    private static final int ADMIN = 9443;

    private final ListenerRouting routing = new ListenerRouting(PORTAL, ADMIN);

    @ParameterizedTest
    @ValueSource(strings = {"/admin/", "/admin/index.html", "/admin/banner.js", "/admin/api/v1/banner", "/admin/api/v1/users/7",
            "/metrics", "/metrics/base"})
    void theAdminPortServesTheConsoleItsApiAndTheMetrics(String path) {
        assertThat(routing.route(ADMIN, path)).isEqualTo(Route.SERVE);
    }

    @Test
    void theConsoleWithoutItsSlashIsRedirectedOnTheAdminPort() {
        assertThat(routing.route(ADMIN, "/admin")).isEqualTo(Route.REDIRECT_TO_CONSOLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/join/abc", "/css/vestibule.css", "/ws/v1/conferences/x", "/health/ready",
            "/metricsx", "/openapi", "/error", "/administrator", "/admin.html", "/ADMIN/"})
    void theAdminPortServesNothingElse(String path) {
        assertThat(routing.route(ADMIN, path)).isEqualTo(Route.NOT_FOUND_PAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/me", "/api/v1/meetings", "/api/v1/application.wadl"})
    void thePortalApiAnswersTheApisNotFoundOnTheAdminPort(String path) {
        assertThat(routing.route(ADMIN, path)).isEqualTo(Route.NOT_FOUND_API);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/addin/manifest.xml", "/addin/commands.html", "/addin/settings.json", "/addin/icon-80.png"})
    void theOutlookAddInIsServedOnThePortalPortOnly(String path) {
        assertThat(routing.route(PORTAL, path)).isEqualTo(Route.SERVE);
        assertThat(routing.route(ADMIN, path)).isEqualTo(Route.NOT_FOUND_PAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/join/abc", "/api/v1/me", "/ws/v1/conferences/x", "/health/ready",
            "/administrator", "/admin.html", "/ADMIN/"})
    void thePortalPortServesThePortal(String path) {
        assertThat(routing.route(PORTAL, path)).isEqualTo(Route.SERVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/metrics/", "/metrics/application", "/metrics/base"})
    void theMetricsAreNotOnThePortalPort(String path) {
        assertThat(routing.route(PORTAL, path)).isEqualTo(Route.NOT_FOUND_PAGE);
    }

    @Test
    void nothingUnderAdminAnswersOnThePortalPort() {
        assertThat(routing.route(PORTAL, "/admin")).isEqualTo(Route.NOT_FOUND_PAGE);
        assertThat(routing.route(PORTAL, "/admin/")).isEqualTo(Route.NOT_FOUND_PAGE);
        assertThat(routing.route(PORTAL, "/admin/index.html")).isEqualTo(Route.NOT_FOUND_PAGE);
        assertThat(routing.route(PORTAL, "/admin/api/v1/banner")).isEqualTo(Route.NOT_FOUND_API);
    }

    @Test
    void anyOtherPortServesNothing() {
        assertThat(routing.route(8080, "/index.html")).isEqualTo(Route.NOT_FOUND_PAGE);
        assertThat(routing.route(8080, "/admin/")).isEqualTo(Route.NOT_FOUND_PAGE);
        assertThat(routing.route(8080, "/admin/api/v1/banner")).isEqualTo(Route.NOT_FOUND_API);
    }
}
