package io.vestibule.calendar.block;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/** The join block before administrators edit a template: link, alias and guest PIN, every value escaped. */
@ApplicationScoped
public class BuiltInJoinBlocks implements JoinBlockRenderer {
    @Override
    public JoinBlock render(JoinBlockDetails details, Locale language) {
        String link = escaped(details.joinUrl().toString());
        StringBuilder html = new StringBuilder("<div>")
                .append("<p><a href=\"").append(link).append("\">Join the meeting</a></p>")
                .append("<p>Room: ").append(escaped(details.alias()));
        StringBuilder text = new StringBuilder("Join the meeting: ").append(details.joinUrl())
                .append("\nRoom: ").append(details.alias());
        details.numericAlias().ifPresent(number -> {
            html.append(" (").append(escaped(number)).append(')');
            text.append(" (").append(number).append(')');
        });
        html.append("</p>");
        details.guestPin().ifPresent(pin -> {
            html.append("<p>Guest PIN: ").append(escaped(pin)).append("</p>");
            text.append("\nGuest PIN: ").append(pin);
        });
        return new JoinBlock(html.append("</div>").toString(), text.toString());
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
