package io.vestibule.portal.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a browser goes after sign-in: only the portal's own pages that need a session, with their own parameters,
 * decided when the sign-in starts. Anything else, however it is spelled (another origin, a backslash or tab that
 * browsers read as a slash, a nested sign-in page, a malformed escape), becomes the default page. The sign-in page
 * applies the same rule ({@code webapp/js/next-page.js}); both are checked against one table of cases.
 */
final class NextPage {
    static final String DEFAULT = "/meetings.html";

    private static final Map<String, List<String>> PAGES = Map.of(
            "/meetings.html", List.of(),
            "/book.html", List.of("id"),
            "/meeting.html", List.of("id", "booked"));
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int LONGEST = 500;

    private NextPage() {
    }

    static String of(String requested) {
        if (requested == null || requested.isEmpty() || requested.length() > LONGEST) {
            return DEFAULT;
        }
        URI uri;
        try {
            uri = new URI(requested).normalize();
        } catch (URISyntaxException malformed) {
            return DEFAULT;
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
            return DEFAULT;
        }
        List<String> allowed = PAGES.get(uri.getRawPath());
        if (allowed == null) {
            return DEFAULT;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        for (String pair : query == null || query.isEmpty() ? new String[0] : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (!allowed.contains(name) || kept.containsKey(name) || !VALUE.matcher(value).matches()) {
                return DEFAULT;
            }
            kept.put(name, value);
        }
        StringBuilder page = new StringBuilder(uri.getRawPath());
        String separator = "?";
        for (String name : allowed) {
            if (kept.containsKey(name)) {
                page.append(separator).append(name).append('=').append(kept.get(name));
                separator = "&";
            }
        }
        return page.toString();
    }
}
