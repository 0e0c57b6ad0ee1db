package io.vestibule.platform.http;

import java.time.Duration;
import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

/**
 * A session cookie. The {@code __Host-} prefix makes browsers insist on Secure, Path=/ and no Domain; HttpOnly keeps
 * it from scripts; SameSite=Strict keeps it off cross-site requests. The portal and the admin console have one each,
 * named apart: browsers send a host's cookies to every port of it, so the name is what keeps the two sessions apart.
 *
 * <p>The single sign-on cookie holds the handle of a sign-in in flight for ten minutes. It is SameSite=Lax because it
 * must come back on the provider's redirect to the portal, a cross-site top-level GET that Strict would strip.
 */
public record SessionCookie(String name, NewCookie.SameSite sameSite) {
    public static final String PORTAL_NAME = "__Host-vestibule-session";
    public static final String ADMIN_NAME = "__Host-vestibule-admin";
    public static final String SSO_NAME = "__Host-vestibule-sso";
    public static final SessionCookie PORTAL = new SessionCookie(PORTAL_NAME, NewCookie.SameSite.STRICT);
    public static final SessionCookie ADMIN = new SessionCookie(ADMIN_NAME, NewCookie.SameSite.STRICT);
    public static final SessionCookie SSO = new SessionCookie(SSO_NAME, NewCookie.SameSite.LAX);

    /** A cookie for the browser session (no expiry: the server ends the session). */
    public NewCookie issue(String token) {
        return builder(token).build();
    }

    /** A cookie the browser drops after {@code lifetime}. */
    public NewCookie issue(String token, Duration lifetime) {
        return builder(token).maxAge((int) lifetime.toSeconds()).build();
    }

    public NewCookie expire() {
        return builder("").maxAge(0).build();
    }

    public String token(Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(name);
        return cookie == null ? null : cookie.getValue();
    }

    private NewCookie.Builder builder(String value) {
        return new NewCookie.Builder(name).value(value).path("/").secure(true).httpOnly(true).sameSite(sameSite);
    }
}
