package io.vestibule.platform.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP security headers of every response (R-TLS-2), decided in one place. Pages load scripts and styles
 * from this origin only, never inline; nothing may frame them; the API's answers are never cached.
 *
 * <p>The Outlook add-in's pages ({@code /addin/}) are the one exception (R-CAL-1): Office shows them in its own frames
 * and dialogs, so they may be framed by Office's origins (and no one else), load Office.js from Microsoft, call the
 * identity provider's token endpoint, and are opened as popups by Office (no opener isolation). Their icons are shown
 * on Office's pages, so they are readable cross-origin.
 */
public final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "media-src 'self' blob:",
            "manifest-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'");

    static final String ADDIN_ROOT = "/addin";
    /** Where Office.js is served from; an add-in must load it from there (it cannot be copied and self-hosted). */
    static final String OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";
    /**
     * The origins Microsoft documents as the frame ancestors of add-ins and apps in Outlook on the web, the new Outlook
     * and the Microsoft 365 app ({@code *.cloud.microsoft} being where they all move), and Office on the web's add-in
     * host ({@code *.officeapps.live.com}). Outlook on Windows and Mac show the pages in a web view, not a frame.
     */
    static final List<String> OFFICE_FRAME_ANCESTORS = List.of(
            "https://outlook.office.com",
            "https://outlook.office365.com",
            "https://outlook.live.com",
            "https://outlook-sdf.office.com",
            "https://outlook-sdf.office365.com",
            "https://*.office.com",
            "https://*.microsoft365.com",
            "https://*.cloud.microsoft",
            "https://*.officeapps.live.com");

    private final boolean hstsPreload;
    private final String addInPolicy;

    public SecurityHeaders(boolean hstsPreload) {
        this(hstsPreload, Optional.empty());
    }

    /**
     * @param identityProvider the single sign-on issuer, when configured: the add-in's pages may call its origin (its
     *     discovery document and token endpoint)
     */
    public SecurityHeaders(boolean hstsPreload, Optional<URI> identityProvider) {
        this.hstsPreload = hstsPreload;
        this.addInPolicy = String.join("; ",
                "default-src 'none'",
                "script-src 'self' " + OFFICE_JS_ORIGIN,
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self'" + identityProvider.flatMap(SecurityHeaders::origin).map(origin -> " " + origin).orElse(""),
                "form-action 'self'",
                "base-uri 'none'",
                "frame-ancestors " + String.join(" ", OFFICE_FRAME_ANCESTORS));
    }

    public Map<String, String> forPath(String path) {
        boolean addIn = isAddIn(path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains" + (hstsPreload ? "; preload" : ""));
        headers.put("Content-Security-Policy", addIn ? addInPolicy : CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        if (!addIn) {
            // frame-ancestors decides for the add-in's pages; X-Frame-Options has no way to name several origins.
            headers.put("X-Frame-Options", "DENY");
        }
        headers.put("Referrer-Policy", "same-origin");
        headers.put("Permissions-Policy", addIn
                ? "camera=(), microphone=(), display-capture=(), geolocation=(), payment=(), usb=()"
                : "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()");
        if (!addIn) {
            // Office's dialog API talks to the popup it opened through window.opener, which opener isolation would cut.
            headers.put("Cross-Origin-Opener-Policy", "same-origin");
        }
        headers.put("Cross-Origin-Resource-Policy", addIn ? "cross-origin" : "same-origin");
        headers.put("Cache-Control", ListenerRouting.isApi(path) ? "no-store" : "no-cache");
        return headers;
    }

    static boolean isAddIn(String path) {
        return path.equals(ADDIN_ROOT) || path.startsWith(ADDIN_ROOT + "/");
    }

    /** The scheme, host and port of an https (or loopback http) address, as CSP names an origin; nothing for others. */
    static Optional<String> origin(URI address) {
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || address.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + address.getHost().toLowerCase(Locale.ROOT) + (address.getPort() == -1 ? "" : ":" + address.getPort()));
    }
}
