package io.vestibule.calendar.block;

import java.util.Objects;

/**
 * One language's join-block template: HTML for the event's body and plain text for calendars that show no HTML, each
 * with {@link Placeholder}s where the meeting's values go.
 */
public record JoinBlockTemplate(String html, String text) {
    /** The most characters either part may have: what the setting store holds per setting. */
    public static final int LONGEST = 8000;

    public JoinBlockTemplate {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }
}
