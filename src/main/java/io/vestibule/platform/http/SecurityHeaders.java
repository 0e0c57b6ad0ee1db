package io.vestibule.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP security headers of every response (R-TLS-2), decided in one place. Pages load scripts and styles
 * from this origin only, never inline; nothing may frame them; the API's answers are never cached.
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

    private final boolean hstsPreload;

    public SecurityHeaders(boolean hstsPreload) {
        this.hstsPreload = hstsPreload;
    }

    public Map<String, String> forPath(String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains" + (hstsPreload ? "; preload" : ""));
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Cache-Control", ListenerRouting.isApi(path) ? "no-store" : "no-cache");
        return headers;
    }
}
