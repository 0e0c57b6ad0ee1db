package io.vestibule.admin.api;

import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

/**
 * The admin console's session cookie, named apart from the portal's: browsers send cookies to every port of a
 * host, so the name is what keeps the two sessions apart. {@code __Host-}, Secure, HttpOnly, SameSite=Strict.
 */
final class AdminSessionCookie {
    static final String NAME = "__Host-vestibule-admin";

    private AdminSessionCookie() {
    }

    static NewCookie issue(String token) {
        return new NewCookie.Builder(NAME).value(token).path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    static NewCookie expire() {
        return new NewCookie.Builder(NAME).value("").path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    static String token(Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(NAME);
        return cookie == null ? null : cookie.getValue();
    }
}
