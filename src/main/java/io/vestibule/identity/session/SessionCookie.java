package io.vestibule.identity.session;

import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

/**
 * A session cookie. The {@code __Host-} prefix makes browsers insist on Secure, Path=/ and no Domain; HttpOnly keeps
 * it from scripts; SameSite=Strict keeps it off cross-site requests. The portal and the admin console have one each,
 * named apart: browsers send a host's cookies to every port of it, so the name is what keeps the two sessions apart.
 */
public record SessionCookie(String name) {
    public static final String PORTAL_NAME = "__Host-vestibule-session";
    public static final String ADMIN_NAME = "__Host-vestibule-admin";
    public static final SessionCookie PORTAL = new SessionCookie(PORTAL_NAME);
    public static final SessionCookie ADMIN = new SessionCookie(ADMIN_NAME);

    public NewCookie issue(String token) {
        return new NewCookie.Builder(name).value(token).path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    public NewCookie expire() {
        return new NewCookie.Builder(name).value("").path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    public String token(Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(name);
        return cookie == null ? null : cookie.getValue();
    }
}
