package io.vestibule.identity.api;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

/**
 * The portal's session cookie. The {@code __Host-} prefix makes browsers insist on Secure, Path=/ and no Domain;
 * HttpOnly keeps it from scripts; SameSite=Strict keeps it off cross-site requests.
 */
final class SessionCookie {
    static final String NAME = "__Host-vestibule-session";

    private SessionCookie() {
    }

    static NewCookie issue(String token) {
        return new NewCookie.Builder(NAME).value(token).path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    static NewCookie expire() {
        return new NewCookie.Builder(NAME).value("").path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    static String token(java.util.Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(NAME);
        return cookie == null ? null : cookie.getValue();
    }
}
