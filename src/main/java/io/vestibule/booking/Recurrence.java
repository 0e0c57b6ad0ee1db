package io.vestibule.booking;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * A meeting's repetition: an RFC 5545 RRULE limited to what people book (R-BOOK-1) — daily or weekly, an
 * interval, weekdays for weekly series, and an end by COUNT or UNTIL (or none). Anything else (hourly rules,
 * BYSETPOS and the like) is refused with a reason, because it would let one booking open a room almost
 * continuously.
 */
public final class Recurrence {
    public static final int MAX_LENGTH = 500;
    public static final int MAX_COUNT = 1000;
    public static final int MAX_INTERVAL = 99;
    private static final Set<String> ALLOWED_PARTS = Set.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST");

    private final String rule;
    private final Recur<ZonedDateTime> recur;

    private Recurrence(String rule, Recur<ZonedDateTime> recur) {
        this.rule = rule;
        this.recur = recur;
    }

    /** Parses and checks a rule such as {@code FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10}; an "RRULE:" prefix is accepted. */
    public static Recurrence parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The recurrence rule is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The recurrence rule is longer than " + MAX_LENGTH + " characters");
        }
        String rule = text.strip();
        if (rule.toUpperCase(Locale.ROOT).startsWith("RRULE:")) {
            rule = rule.substring("RRULE:".length());
        }
        for (String part : rule.split(";")) {
            String name = part.contains("=") ? part.substring(0, part.indexOf('=')).toUpperCase(Locale.ROOT) : part;
            if (!ALLOWED_PARTS.contains(name)) {
                throw new IllegalArgumentException("The recurrence rule part '" + name + "' is not supported; use FREQ, INTERVAL, COUNT, UNTIL and BYDAY");
            }
            // ical4j takes COUNT=-3 as "no count", which would turn the series into one without end.
            if ((name.equals("COUNT") || name.equals("INTERVAL")) && !part.substring(part.indexOf('=') + 1).matches("0*[1-9][0-9]*")) {
                throw new IllegalArgumentException(name + " must be a positive whole number (RFC 5545)");
            }
        }
        Recur<ZonedDateTime> recur;
        try {
            recur = new Recur<>(rule);
        } catch (RuntimeException e) {
            // The parser's own message names its classes and internals; the person needs only the rule's form.
            throw new IllegalArgumentException("The recurrence rule is not valid RFC 5545; write it as FREQ=WEEKLY;COUNT=4 or FREQ=DAILY;UNTIL=20270131T000000Z");
        }
        if (recur.getFrequency() != Frequency.DAILY && recur.getFrequency() != Frequency.WEEKLY) {
            throw new IllegalArgumentException("Only daily and weekly recurrences are supported");
        }
        if (recur.getInterval() > MAX_INTERVAL) {
            throw new IllegalArgumentException("The interval may be at most " + MAX_INTERVAL);
        }
        if (recur.getCount() > MAX_COUNT) {
            throw new IllegalArgumentException("A series may have at most " + MAX_COUNT + " occurrences");
        }
        if (recur.getCount() > 0 && recur.getUntil() != null) {
            throw new IllegalArgumentException("COUNT and UNTIL cannot both be given (RFC 5545)");
        }
        if (recur.getFrequency() == Frequency.DAILY && !recur.getDayList().isEmpty()) {
            throw new IllegalArgumentException("BYDAY is supported with weekly recurrences only");
        }
        if (recur.getDayList().stream().anyMatch(day -> day.getOffset() != 0)) {
            throw new IllegalArgumentException("BYDAY takes plain weekdays (MO, TU, ...) without numbers");
        }
        return new Recurrence(recur.toString(), recur);
    }

    /** Start times of the occurrences that start within [from, to], the series starting at {@code first}. */
    public List<ZonedDateTime> startsBetween(ZonedDateTime first, ZonedDateTime from, ZonedDateTime to) {
        return recur.getDates(first, from, to);
    }

    /** The weekdays a weekly series names with BYDAY; empty when it repeats on the first meeting's weekday. */
    public Set<DayOfWeek> weekdays() {
        return recur.getDayList().stream().map(WeekDay::getDayOfWeek).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the series ends (by COUNT or UNTIL), so it has a last occurrence. */
    public boolean bounded() {
        return recur.getCount() > 0 || recur.getUntil() != null;
    }

    public Temporal until() {
        return recur.getUntil();
    }

    public int count() {
        return recur.getCount();
    }

    /** The rule in RFC 5545 text, without the "RRULE:" prefix. */
    public String rule() {
        return rule;
    }

    @Override
    public String toString() {
        return rule;
    }
}
