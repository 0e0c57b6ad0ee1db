package io.vestibule.calendar.block;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages a join block is written in (R-UI-3); attendees of any other language read the English one. */
public enum JoinBlockLanguage {
    ENGLISH("en"),
    SPANISH("es"),
    FRENCH("fr");

    private final String code;

    JoinBlockLanguage(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, as the admin API and the setting names spell it. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** The block for {@code language}: its own when there is one, else English. */
    public static JoinBlockLanguage of(Locale language) {
        return language == null ? ENGLISH : byCode(language.getLanguage()).orElse(ENGLISH);
    }

    public static Optional<JoinBlockLanguage> byCode(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }
}
