package io.vestibule.calendar.block;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Fills a template with a meeting's values. The HTML template is parsed first and a new tree built from it holding only
 * what {@link JoinBlockSafelist} allows; values go into that tree as text nodes, or as a link's address for the join
 * link, and the serialiser escapes them. A value can therefore never become markup, and a template that reached the
 * setting store without the save's check (edited in the database) loses whatever the allow-list refuses.
 */
final class TemplateSubstitution {
    private TemplateSubstitution() {
    }

    static JoinBlock fill(JoinBlockTemplate template, JoinBlockDetails details, JoinBlockLanguage language) {
        PlaceholderValues values = PlaceholderValues.of(details, language);
        return new JoinBlock(html(template.html(), details, values), text(template.text(), values));
    }

    private static String html(String template, JoinBlockDetails details, PlaceholderValues values) {
        Element source = Jsoup.parseBodyFragment(template).body();
        leaveOutLinesWithoutValues(source, values);
        Document out = Document.createShell("");
        out.outputSettings().prettyPrint(false);
        copyAllowed(source, out.body(), details, values);
        return out.body().html();
    }

    private static void leaveOutLinesWithoutValues(Element source, PlaceholderValues values) {
        List<TextNode> lacking = new ArrayList<>();
        source.traverse((node, depth) -> {
            if (node instanceof TextNode text && values.lacksAnyIn(text.getWholeText())) {
                lacking.add(text);
            }
        });
        for (TextNode text : lacking) {
            Node line = text;
            for (Element parent = text.parent();
                 parent != null && parent != source; parent = parent.parent()) {
                if (JoinBlockSafelist.LINES.contains(parent.normalName())) {
                    line = parent;
                    break;
                }
            }
            if (line.parent() != null) {
                line.remove();
            }
        }
    }

    private static void copyAllowed(Element from, Element to, JoinBlockDetails details, PlaceholderValues values) {
        for (Node node : from.childNodes()) {
            if (node instanceof TextNode text) {
                to.appendChild(new TextNode(values.substituted(text.getWholeText())));
            } else if (node instanceof Element element && JoinBlockSafelist.allows(element)) {
                Element copy = new Element(element.normalName());
                for (Attribute attribute : element.attributes()) {
                    if (JoinBlockSafelist.allows(element, attribute)) {
                        copyAttribute(attribute, copy, details);
                    }
                }
                to.appendChild(copy);
                copyAllowed(element, copy, details, values);
            }
        }
    }

    private static void copyAttribute(Attribute attribute, Element copy, JoinBlockDetails details) {
        if (!JoinBlockSafelist.isHref(attribute)) {
            copy.attr(attribute.getKey().toLowerCase(java.util.Locale.ROOT), attribute.getValue());
        } else if (!JoinBlockSafelist.isJoinLink(attribute.getValue())) {
            copy.attr("href", attribute.getValue());
        } else if (JoinBlockSafelist.allowsJoinUrl(details.joinUrl())) {
            copy.attr("href", details.joinUrl().toASCIIString());
        }
    }

    private static String text(String template, PlaceholderValues values) {
        return template.replace("\r\n", "\n").replace('\r', '\n').lines()
                .filter(line -> !values.lacksAnyIn(line))
                .map(values::substituted)
                .collect(Collectors.joining("\n"));
    }
}
