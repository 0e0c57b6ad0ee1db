package io.vestibule.booking;

import java.time.Duration;

/**
 * How long before its start and after its end a booked meeting's room admits joins (R-BOOK-2): by default from
 * 15 minutes before to 30 minutes after.
 */
public record JoinWindow(Duration beforeStart, Duration afterEnd) {
    public static final JoinWindow DEFAULT = new JoinWindow(Duration.ofMinutes(15), Duration.ofMinutes(30));

    public JoinWindow {
        if (beforeStart.isNegative() || afterEnd.isNegative()) {
            throw new IllegalArgumentException("Join window margins cannot be negative");
        }
    }
}
