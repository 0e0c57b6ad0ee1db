package io.vestibule.calendar.block;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Decides whether a template may be saved: the HTML parsed as a browser would (jsoup) and every element and attribute
 * held against {@link JoinBlockSafelist}; both parts within {@link JoinBlockTemplate#LONGEST} characters, free of
 * control characters but line breaks and tabs, naming only known {@link Placeholder}s and the join link. The first
 * thing refused is named in {@link TemplateRefused}: an administrator fixes the template, nothing is silently removed.
 */
public final class TemplateCheck {
    static final String HTML = "html";
    static final String TEXT = "text";
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    private TemplateCheck() {
    }

    /** The template, if it may be saved. */
    public static JoinBlockTemplate checked(JoinBlockTemplate template) {
        checkText(HTML, template.html());
        checkText(TEXT, template.text());
        for (Node node : Jsoup.parseBodyFragment(template.html()).body().childNodes()) {
            checkNode(node);
        }
        return template;
    }

    private static void checkText(String part, String text) {
        if (text.isBlank()) {
            throw new TemplateRefused(part, TemplateRefused.Reason.REQUIRED, "", "The " + part + " template is empty.");
        }
        if (text.length() > JoinBlockTemplate.LONGEST) {
            throw new TemplateRefused(part, TemplateRefused.Reason.TOO_LONG, String.valueOf(JoinBlockTemplate.LONGEST),
                    "The " + part + " template is longer than " + JoinBlockTemplate.LONGEST + " characters.");
        }
        Matcher control = CONTROL.matcher(text);
        if (control.find()) {
            throw new TemplateRefused(part, TemplateRefused.Reason.CONTROL_CHARACTERS,
                    String.format("U+%04X", (int) control.group().charAt(0)),
                    "The " + part + " template holds a control character.");
        }
        unknownPlaceholder(text).ifPresent(name -> {
            throw new TemplateRefused(part, TemplateRefused.Reason.UNKNOWN_PLACEHOLDER, "{{" + name + "}}",
                    "The " + part + " template names an unknown placeholder {{" + name + "}}.");
        });
        if (!text.contains(Placeholder.JOIN_URL.written())) {
            throw new TemplateRefused(part, TemplateRefused.Reason.NO_JOIN_LINK, Placeholder.JOIN_URL.written(),
                    "The " + part + " template must hold the join link, " + Placeholder.JOIN_URL.written() + ".");
        }
    }

    private static Optional<String> unknownPlaceholder(String text) {
        Matcher written = Placeholder.WRITTEN.matcher(text);
        while (written.find()) {
            if (Placeholder.byKey(written.group(1)).isEmpty()) {
                return Optional.of(written.group(1));
            }
        }
        return Optional.empty();
    }

    private static void checkNode(Node node) {
        if (node instanceof TextNode) {
            return;
        }
        if (node instanceof Element element) {
            if (!JoinBlockSafelist.allows(element)) {
                throw new TemplateRefused(HTML, TemplateRefused.Reason.ELEMENT_NOT_ALLOWED, "<" + element.normalName() + ">",
                        "The HTML template may not hold <" + element.normalName() + ">.");
            }
            for (Attribute attribute : element.attributes()) {
                checkAttribute(element, attribute);
            }
            for (Node child : element.childNodes()) {
                checkNode(child);
            }
            return;
        }
        String refused = node instanceof Comment ? "<!-- -->" : node instanceof DataNode ? "data" : node.nodeName();
        throw new TemplateRefused(HTML, TemplateRefused.Reason.ELEMENT_NOT_ALLOWED, refused,
                "The HTML template may not hold " + refused + ".");
    }

    private static void checkAttribute(Element element, Attribute attribute) {
        if (JoinBlockSafelist.allows(element, attribute)) {
            return;
        }
        if (JoinBlockSafelist.isHref(attribute) && element.normalName().equals("a")) {
            throw new TemplateRefused(HTML, TemplateRefused.Reason.LINK_NOT_ALLOWED, attribute.getValue(),
                    "A link may lead only to an https:// address or to " + Placeholder.JOIN_URL.written() + ".");
        }
        throw new TemplateRefused(HTML, TemplateRefused.Reason.ATTRIBUTE_NOT_ALLOWED, attribute.getKey(),
                "The HTML template may not use the attribute '" + attribute.getKey() + "' on <" + element.normalName() + ">.");
    }
}
