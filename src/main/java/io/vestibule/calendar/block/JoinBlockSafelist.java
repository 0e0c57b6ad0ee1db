package io.vestibule.calendar.block;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * What the HTML of a join block may hold, decided here only: text and plain formatting, links to https:// addresses
 * or to the join link. Nothing that runs, loads or submits anything (script, style, images, frames, objects, forms,
 * SVG), and no attribute but a link's {@code href}, {@code lang} and {@code dir}: no {@code style}, no {@code on*}
 * handler. Saving refuses a template that needs more; rendering drops it, for templates that reached the setting
 * store another way.
 */
final class JoinBlockSafelist {
    static final Set<String> ELEMENTS = Set.of("a", "b", "blockquote", "br", "div", "em", "h1", "h2", "h3", "h4", "hr",
            "i", "li", "ol", "p", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr",
            "u", "ul");

    /** The blocks a missing optional value leaves out whole: one line of the block each. */
    static final Set<String> LINES = Set.of("p", "li", "div", "tr", "h1", "h2", "h3", "h4", "blockquote");

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    private static final Set<String> DIRECTIONS = Set.of("ltr", "rtl", "auto");

    private JoinBlockSafelist() {
    }

    static boolean allows(Element element) {
        return ELEMENTS.contains(element.normalName());
    }

    /** Whether {@code attribute} of an allowed element may stay, with its value as written in the template. */
    static boolean allows(Element element, Attribute attribute) {
        String value = attribute.getValue();
        return switch (attribute.getKey().toLowerCase(Locale.ROOT)) {
            case "lang" -> LANGUAGE_TAG.matcher(value).matches();
            case "dir" -> DIRECTIONS.contains(value);
            case "href" -> element.normalName().equals("a") && allowsLink(value);
            default -> false;
        };
    }

    static boolean isHref(Attribute attribute) {
        return attribute.getKey().equalsIgnoreCase("href");
    }

    /** A link the template writes: the join link's placeholder, or an https:// address with a host. */
    static boolean allowsLink(String written) {
        return isJoinLink(written) || isHttps(written);
    }

    static boolean isJoinLink(String written) {
        return written.strip().equals(Placeholder.JOIN_URL.written());
    }

    /** The join link itself goes into {@code href} only as http(s), whatever the configuration says it is. */
    static boolean allowsJoinUrl(URI joinUrl) {
        String scheme = joinUrl.getScheme();
        return joinUrl.isAbsolute() && joinUrl.getHost() != null
                && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme));
    }

    private static boolean isHttps(String written) {
        if (!written.equals(written.strip())) {
            return false;
        }
        try {
            URI link = new URI(written);
            return "https".equalsIgnoreCase(link.getScheme()) && link.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
