package io.vestibule.platform.http;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {
    private final SecurityHeaders headers = new SecurityHeaders(false);

    /** The policy as directive name to its sources. */
    private static Map<String, List<String>> directives(String policy) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] words = directive.strip().split("\\s+");
            directives.put(words[0], Arrays.asList(words).subList(1, words.length));
        }
        return directives;
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyThisOriginAndNoInlineCode() {
        Map<String, List<String>> csp = directives(headers.forPath("/").get("Content-Security-Policy"));
        assertThat(csp.get("default-src")).containsExactly("'none'");
        assertThat(csp.get("script-src")).containsExactly("'self'");
        assertThat(csp.get("style-src")).doesNotContain("'unsafe-inline'");
        assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
        assertThat(csp.get("base-uri")).containsExactly("'none'");
        assertThat(csp.get("form-action")).containsExactly("'self'");
        assertThat(csp.values()).allSatisfy(sources -> assertThat(sources)
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"));
        assertThat(csp.get("script-src")).doesNotContain("data:", "blob:");
    }

    @Test
    void hstsLastsAYearWithoutPreloadByDefault() {
        String hsts = headers.forPath("/").get("Strict-Transport-Security");
        assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains").doesNotContain("preload");
    }

    @Test
    void hstsPreloadIsAddedWhenEnabled() {
        assertThat(new SecurityHeaders(true).forPath("/").get("Strict-Transport-Security"))
                .contains("max-age=31536000").contains("includeSubDomains").endsWith("; preload");
    }

    @Test
    void apiAnswersAreNeverStored() {
        assertThat(headers.forPath("/api/meetings").get("Cache-Control")).isEqualTo("no-store");
        assertThat(headers.forPath("/api/auth/session").get("Cache-Control")).isEqualTo("no-store");
        assertThat(headers.forPath("/admin/api/v1/banner").get("Cache-Control")).isEqualTo("no-store");
        assertThat(headers.forPath("/index.html").get("Cache-Control")).isNotNull().isNotEqualTo("no-store");
    }

    @Test
    void everyResponseGetsTheOtherProtections() {
        for (String path : List.of("/", "/index.html", "/api/meetings", "/join/room-1")) {
            Map<String, String> set = headers.forPath(path);
            assertThat(set).containsEntry("X-Content-Type-Options", "nosniff")
                    .containsEntry("Referrer-Policy", "same-origin")
                    .containsEntry("X-Frame-Options", "DENY")
                    .containsEntry("Cross-Origin-Opener-Policy", "same-origin")
                    .containsKeys("Content-Security-Policy", "Strict-Transport-Security", "Permissions-Policy");
        }
    }

    @Test
    void cameraAndMicrophoneAreForThisOriginOnly() {
        String permissions = headers.forPath("/").get("Permissions-Policy");
        assertThat(permissions).contains("camera=(self)").contains("microphone=(self)").contains("geolocation=()");
    }

    @Test
    void theAddInsPagesMayBeFramedByOfficesOriginsOnly() {
        SecurityHeaders withProvider = new SecurityHeaders(false, Optional.of(URI.create("https://sso.example.org:8443/realms/vestibule")));
        for (String path : List.of("/addin/commands.html", "/addin/sign-in.html", "/addin/manifest.xml", "/addin/icon-80.png", "/addin")) {
            Map<String, String> set = withProvider.forPath(path);
            Map<String, List<String>> csp = directives(set.get("Content-Security-Policy"));
            assertThat(csp.get("frame-ancestors")).containsExactlyElementsOf(SecurityHeaders.OFFICE_FRAME_ANCESTORS)
                    .contains("https://outlook.office.com", "https://outlook.office365.com", "https://*.cloud.microsoft")
                    .doesNotContain("'none'", "*", "https:", "'self'");
            assertThat(csp.get("script-src")).containsExactly("'self'", "https://appsforoffice.microsoft.com");
            assertThat(csp.get("connect-src")).containsExactly("'self'", "https://sso.example.org:8443");
            assertThat(csp.get("default-src")).containsExactly("'none'");
            assertThat(csp.get("base-uri")).containsExactly("'none'");
            assertThat(csp.values()).allSatisfy(sources -> assertThat(sources).doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*"));
            assertThat(set).doesNotContainKeys("X-Frame-Options", "Cross-Origin-Opener-Policy")
                    .containsEntry("Cross-Origin-Resource-Policy", "cross-origin")
                    .containsEntry("Referrer-Policy", "same-origin")
                    .containsEntry("X-Content-Type-Options", "nosniff")
                    .containsKey("Strict-Transport-Security");
            assertThat(set.get("Permissions-Policy")).contains("camera=()").contains("microphone=()");
        }
    }

    @Test
    void withoutSingleSignOnTheAddInsPagesConnectToThisOriginOnly() {
        Map<String, List<String>> csp = directives(headers.forPath("/addin/commands.html").get("Content-Security-Policy"));
        assertThat(csp.get("connect-src")).containsExactly("'self'");
    }

    @Test
    void everyOtherPageKeepsFrameAncestorsNone() {
        SecurityHeaders withProvider = new SecurityHeaders(false, Optional.of(URI.create("https://sso.example.org/realms/vestibule")));
        for (String path : List.of("/", "/index.html", "/addins.html", "/addin.html", "/js/addin/x.js", "/api/v1/calendar/events/k", "/join/abc")) {
            Map<String, String> set = withProvider.forPath(path);
            Map<String, List<String>> csp = directives(set.get("Content-Security-Policy"));
            assertThat(csp.get("frame-ancestors")).as(path).containsExactly("'none'");
            assertThat(csp.get("script-src")).as(path).containsExactly("'self'");
            assertThat(csp.get("connect-src")).as(path).containsExactly("'self'");
            assertThat(set).as(path).containsEntry("X-Frame-Options", "DENY").containsEntry("Cross-Origin-Opener-Policy", "same-origin")
                    .containsEntry("Cross-Origin-Resource-Policy", "same-origin");
        }
    }

    @Test
    void anOriginIsSchemeHostAndPortOnly() {
        assertThat(SecurityHeaders.origin(URI.create("https://SSO.example.org/realms/v?x=1"))).contains("https://sso.example.org");
        assertThat(SecurityHeaders.origin(URI.create("http://127.0.0.1:8080/realms/v"))).contains("http://127.0.0.1:8080");
        assertThat(SecurityHeaders.origin(URI.create("javascript:alert(1)"))).isEmpty();
        assertThat(SecurityHeaders.origin(URI.create("urn:x:y"))).isEmpty();
    }
}
