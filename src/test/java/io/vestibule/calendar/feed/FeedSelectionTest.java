package io.vestibule.calendar.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingSchedule;

import static org.assertj.core.api.Assertions.assertThat;

class FeedSelectionTest {
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private static Meeting meetingAt(Instant start) {
        return new Meeting(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Sync",
                new MeetingSchedule(start.atZone(ZoneOffset.UTC), start.plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC), Optional.empty()),
                List.of(), "meet.example.org", start.minus(Duration.ofDays(1)));
    }

    @Test
    void comingAndRecentMeetingsAreShown() {
        Meeting coming = meetingAt(NOW.plus(Duration.ofDays(3)));
        Meeting recent = meetingAt(NOW.minus(Duration.ofDays(80)));

        assertThat(FeedSelection.shows(coming, Optional.of(NOW.plus(Duration.ofDays(3))), NOW)).isTrue();
        assertThat(FeedSelection.shows(recent, Optional.of(NOW.minus(Duration.ofDays(80))), NOW)).isTrue();
    }

    @Test
    void aMeetingClosedLongerThanTheKeptPastIsLeftOut() {
        Instant closed = NOW.minus(FeedSelection.PAST_KEPT).minusSeconds(1);

        assertThat(FeedSelection.shows(meetingAt(closed.minus(Duration.ofHours(2))), Optional.of(closed), NOW)).isFalse();
    }

    @Test
    void anEndlessSeriesIsAlwaysShown() {
        Meeting series = meetingAt(NOW.minus(Duration.ofDays(1000)));

        assertThat(FeedSelection.shows(series, Optional.empty(), NOW)).isTrue();
    }

    @Test
    void aCancelledMeetingIsShownForAWhileThenLeftOut() {
        Meeting meeting = meetingAt(NOW.plus(Duration.ofDays(10)));
        meeting.cancel(NOW);
        Optional<Instant> closing = Optional.of(NOW.plus(Duration.ofDays(10)));

        assertThat(FeedSelection.shows(meeting, closing, NOW.plus(FeedSelection.CANCELLED_KEPT).minusSeconds(1))).isTrue();
        assertThat(FeedSelection.shows(meeting, closing, NOW.plus(FeedSelection.CANCELLED_KEPT))).isFalse();
    }
}
