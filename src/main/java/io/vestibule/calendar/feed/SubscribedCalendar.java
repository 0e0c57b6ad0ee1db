package io.vestibule.calendar.feed;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.vestibule.booking.BookingService;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingRepository;
import io.vestibule.guard.BreakInGuard;
import io.vestibule.guard.Verdict;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomRepository;

/**
 * Answers a calendar service's fetch of a subscription feed: the subscriber's meetings ({@link FeedSelection}) as
 * {@link FeedCalendar} writes them. PINs are never read on this path: rooms give their aliases only, and no PIN is
 * unsealed. Fetches with tokens that open nothing count against the source address in the break-in guard.
 */
@ApplicationScoped
@Transactional
public class SubscribedCalendar {
    private CalendarFeeds feeds;
    private MeetingRepository meetings;
    private RoomRepository rooms;
    private BookingService bookings;
    private BreakInGuard guard;
    private Clock clock;

    @Inject
    public SubscribedCalendar(CalendarFeeds feeds, MeetingRepository meetings, RoomRepository rooms, BookingService bookings,
                              BreakInGuard guard, Clock clock) {
        this.feeds = feeds;
        this.meetings = meetings;
        this.rooms = rooms;
        this.bookings = bookings;
        this.guard = guard;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected SubscribedCalendar() {
    }

    public FeedAnswer fetch(String presentedToken, InetAddress source) {
        if (guard.admitFeedFetch(source) instanceof Verdict.Refused refused) {
            return new FeedAnswer.Blocked(refused.retryAfter());
        }
        Optional<UUID> subscriber = feeds.subscriber(presentedToken);
        if (subscriber.isEmpty()) {
            guard.feedTokenUnknown(source);
            return new FeedAnswer.NotFound();
        }
        Instant now = clock.instant();
        List<FeedCalendar.Entry> entries = new ArrayList<>();
        for (Meeting meeting : meetings.ownedBy(subscriber.get())) {
            if (FeedSelection.shows(meeting, bookings.lastClosing(meeting), now)) {
                rooms.find(meeting.roomId()).ifPresent(room -> entries.add(entry(meeting, room)));
            }
        }
        return new FeedAnswer.Found(new FeedCalendar().render(entries, now));
    }

    private FeedCalendar.Entry entry(Meeting meeting, Room room) {
        return new FeedCalendar.Entry(meeting, bookings.joinUrl(room),
                room.alias(RoomAlias.Kind.NAME).map(RoomAlias::value).orElse(""),
                room.alias(RoomAlias.Kind.NUMERIC).map(RoomAlias::value).orElse(""));
    }
}
