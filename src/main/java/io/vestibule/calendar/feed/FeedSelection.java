package io.vestibule.calendar.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingStatus;

/**
 * Which of a user's meetings the feed shows. A meeting stays until its room has been closed for {@link #PAST_KEPT}
 * (an endless series always stays), so recent meetings remain visible. A cancelled one is shown as cancelled
 * (STATUS:CANCELLED) for {@link #CANCELLED_KEPT}, long enough for every client's refresh to mark it so, then left out.
 */
final class FeedSelection {
    static final Duration PAST_KEPT = Duration.ofDays(90);
    static final Duration CANCELLED_KEPT = Duration.ofDays(30);

    private FeedSelection() {
    }

    /** {@code lastClosing} is when the meeting's room closes for good, empty for an endless series. */
    static boolean shows(Meeting meeting, Optional<Instant> lastClosing, Instant now) {
        if (lastClosing.isPresent() && lastClosing.get().plus(PAST_KEPT).isBefore(now)) {
            return false;
        }
        if (meeting.status() == MeetingStatus.CANCELLED) {
            return meeting.cancelledAt().map(cancelled -> cancelled.plus(CANCELLED_KEPT).isAfter(now)).orElse(false);
        }
        return true;
    }
}
