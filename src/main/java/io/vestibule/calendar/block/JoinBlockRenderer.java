package io.vestibule.calendar.block;

import java.util.Locale;

/**
 * Renders the join block of a calendar event in the attendees' language (English, Spanish or French; English for
 * any other), from the template in force, with every value escaped.
 */
public interface JoinBlockRenderer {
    JoinBlock render(JoinBlockDetails details, Locale language);
}
