package io.vestibule.calendar.block;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A meeting's values for the placeholders, as attendees of one language read them. Every value is one line: control
 * characters, line and paragraph separators and bidirectional overrides become spaces, so that a subject cannot add
 * lines of its own to the block (a forged "Guest PIN:" line) or reverse the text around it.
 */
final class PlaceholderValues {
    private static final Pattern NOT_ONE_LINE = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private final Map<Placeholder, Optional<String>> values;

    private PlaceholderValues(Map<Placeholder, Optional<String>> values) {
        this.values = values;
    }

    static PlaceholderValues of(JoinBlockDetails details, JoinBlockLanguage language) {
        Map<Placeholder, Optional<String>> values = new EnumMap<>(Placeholder.class);
        values.put(Placeholder.SUBJECT, Optional.of(details.subject()));
        values.put(Placeholder.JOIN_URL, Optional.of(details.joinUrl().toString()));
        values.put(Placeholder.ALIAS, Optional.of(details.alias()));
        values.put(Placeholder.NUMERIC_ALIAS, details.numericAlias().filter(number -> !number.isBlank()));
        values.put(Placeholder.GUEST_PIN, details.guestPin().filter(pin -> !pin.isBlank()));
        values.put(Placeholder.START, Optional.of(moment(details.start(), language)));
        values.put(Placeholder.END, Optional.of(moment(details.end(), language)));
        values.replaceAll((placeholder, value) -> value.map(PlaceholderValues::oneLine));
        return new PlaceholderValues(values);
    }

    /** Whether {@code template} names an optional placeholder this room has no value for. */
    boolean lacksAnyIn(String template) {
        return values.entrySet().stream().anyMatch(entry -> entry.getValue().isEmpty() && template.contains(entry.getKey().written()));
    }

    /** {@code template} with the known placeholders replaced by their values, as they are (the caller escapes). */
    String substituted(String template) {
        Matcher written = Placeholder.WRITTEN.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (written.find()) {
            String value = Placeholder.byKey(written.group(1)).flatMap(values::get).orElse(written.group());
            written.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return written.appendTail(out).toString();
    }

    /** A moment with its zone as docs/glossary.md asks: the zone's name in the reader's language, and its city. */
    private static String moment(ZonedDateTime time, JoinBlockLanguage language) {
        String zone;
        if (time.getZone() instanceof ZoneOffset offset) {
            zone = offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
        } else {
            String id = time.getZone().getId();
            String name = time.getZone().getDisplayName(TextStyle.FULL, language.locale());
            zone = id.contains("/") ? id.substring(id.lastIndexOf('/') + 1).replace('_', ' ') + " (" + name + ")" : name;
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(language.locale())
                .format(time) + ", " + zone;
    }

    private static String oneLine(String value) {
        return NOT_ONE_LINE.matcher(value).replaceAll(" ");
    }
}
