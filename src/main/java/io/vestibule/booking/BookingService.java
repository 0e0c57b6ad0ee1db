package io.vestibule.booking;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.platform.FieldRefused;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomKind;
import io.vestibule.rooms.RoomProvisioner;
import io.vestibule.rooms.RoomRepository;
import io.vestibule.rooms.RoomSettings;

/**
 * Booking, listing, changing and cancelling meetings (R-BOOK-1..4). Owners see only their own meetings; anyone
 * else's meeting does not exist for them.
 */
@ApplicationScoped
@Transactional
public class BookingService {
    private MeetingRepository meetings;
    private RoomRepository rooms;
    private RoomProvisioner provisioner;
    private Clock clock;
    private URI publicUrl;
    private JoinWindowSetting window;

    @Inject
    public BookingService(MeetingRepository meetings, RoomRepository rooms, RoomProvisioner provisioner, Clock clock,
                          @ConfigProperty(name = "vestibule.public.url", defaultValue = "https://localhost:8443/") URI publicUrl,
                          JoinWindowSetting window) {
        this.meetings = meetings;
        this.rooms = rooms;
        this.provisioner = provisioner;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.window = window;
    }

    /** For CDI's client proxy only. */
    protected BookingService() {
    }

    public BookedMeeting book(Organizer owner, BookingRequest request) {
        Instant now = clock.instant();
        MeetingSchedule schedule = schedule(request.start(), request.end(), request.timeZone(), request.recurrence());
        requireNotOver(schedule, now);
        Room room = request.usePersonalRoom()
                ? provisioner.personalRoom(owner.id(), owner.displayName())
                : provisioner.createMeetingRoom(owner.id(), request.title(), request.room());
        Meeting meeting = meetings.add(new Meeting(UUID.randomUUID(), owner.id(), room.id(), request.title(), schedule,
                distinct(request.invitees()), publicUrl.getHost(), now));
        return withRoom(meeting);
    }

    public List<BookedMeeting> list(Organizer owner) {
        return meetings.ownedBy(owner.id()).stream().map(this::withRoom).toList();
    }

    public BookedMeeting get(Organizer owner, UUID meetingId) {
        return withRoom(owned(owner, meetingId));
    }

    public BookedMeeting change(Organizer owner, UUID meetingId, MeetingChanges changes) {
        Meeting meeting = owned(owner, meetingId);
        MeetingSchedule current = meeting.schedule();
        ZoneId zone = changes.timeZone().orElse(current.zone());
        MeetingSchedule schedule = schedule(
                changes.start().orElse(current.start().toInstant()),
                changes.end().orElse(current.end().toInstant()),
                zone,
                changes.recurrence().orElse(current.recurrence().map(Recurrence::rule)));
        String title = changes.title().orElse(meeting.title());
        meeting.revise(title, schedule, changes.invitees().map(BookingService::distinct).orElse(meeting.invitees()), clock.instant());
        Room room = rooms.find(meeting.roomId()).orElseThrow();
        if (room.kind() == RoomKind.MEETING) {
            room.rename(title, clock.instant());
            if (changes.changesRoom()) {
                provisioner.reconfigure(room, new RoomSettings(changes.roomType().orElse(room.type()),
                        changes.guestsWaitForHost().orElse(room.guestsWaitForHost()), changes.hostPin(), changes.guestPin()));
            }
        } else if (changes.changesRoom()) {
            throw new FieldRefused("roomType", "personal_room", "This meeting uses your personal room; its PINs and type are not set per meeting.");
        }
        return withRoom(meeting);
    }

    /** The meeting's iCalendar invitation: REQUEST while it stands, CANCEL once cancelled. */
    public String invitation(Organizer owner, UUID meetingId) {
        BookedMeeting booked = get(owner, meetingId);
        Room room = booked.room();
        return new InvitationCalendar().render(booked.meeting(),
                new InvitationCalendar.Owner(owner.displayName(), owner.email()),
                new InvitationCalendar.JoinDetails(joinUrl(room), room.alias(RoomAlias.Kind.NAME).orElseThrow().value(),
                        room.alias(RoomAlias.Kind.NUMERIC).orElseThrow().value(), booked.pins().guest()),
                clock.instant());
    }

    /** Marks the meeting cancelled; ending a conference running in its room is the caller's part. */
    public Meeting cancel(Organizer owner, UUID meetingId) {
        Meeting meeting = owned(owner, meetingId);
        meeting.cancel(clock.instant());
        return meeting;
    }

    /** Whether an address is among the invitees of a meeting held in this room (compared without case). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean invited(Room room, String email) {
        return email != null && meetings.inRoom(room.id()).stream()
                .anyMatch(meeting -> meeting.invitees().stream().anyMatch(email::equalsIgnoreCase));
    }

    /** When the meeting's room closes for good: the last occurrence's end plus the join window; empty for endless series. */
    public Optional<Instant> lastClosing(Meeting meeting) {
        MeetingSchedule schedule = meeting.schedule();
        if (schedule.recurrence().map(rule -> !rule.bounded()).orElse(false)) {
            return Optional.empty();
        }
        Admission far = schedule.admissionAt(schedule.start().toInstant().plus(Duration.ofDays(366 * 5)), joinWindow());
        return far instanceof Admission.Closed closed ? Optional.of(closed.closedAt()) : Optional.empty();
    }

    /** The join window in force now. */
    public JoinWindow joinWindow() {
        return window.current();
    }

    /** Where invitees join the room of a meeting: the link alias under /join/. */
    public URI joinUrl(Room room) {
        return publicUrl.resolve("join/" + room.alias(RoomAlias.Kind.NAME).orElseThrow().value());
    }

    private Meeting owned(Organizer owner, UUID meetingId) {
        return meetings.find(meetingId)
                .filter(meeting -> meeting.ownerId().equals(owner.id()))
                .orElseThrow(MeetingNotFound::new);
    }

    private BookedMeeting withRoom(Meeting meeting) {
        Room room = rooms.find(meeting.roomId()).orElseThrow();
        return new BookedMeeting(meeting, room, provisioner.pins(room));
    }

    private static MeetingSchedule schedule(Instant start, Instant end, ZoneId zone, Optional<String> recurrence) {
        Optional<Recurrence> rule;
        try {
            rule = recurrence.map(Recurrence::parse);
        } catch (IllegalArgumentException e) {
            throw new FieldRefused("recurrence", "unsupported_recurrence", e.getMessage() + ".");
        }
        return MeetingSchedule.of(start, end, zone, rule);
    }

    /** A meeting that would be over before it is booked is almost certainly a mistaken date or time zone. */
    private static void requireNotOver(MeetingSchedule schedule, Instant now) {
        boolean seriesContinues = schedule.recurrence().isPresent()
                && !(schedule.admissionAt(now, JoinWindow.DEFAULT) instanceof Admission.Closed);
        if (!seriesContinues && !schedule.end().toInstant().isAfter(now)) {
            throw new FieldRefused("end", "already_over", "The meeting would already be over; check the date and time zone.");
        }
    }

    /** Drops repeated addresses, comparing without case; the first spelling is kept. */
    private static List<String> distinct(List<String> emails) {
        Map<String, String> unique = new LinkedHashMap<>();
        emails.forEach(email -> unique.putIfAbsent(email.toLowerCase(Locale.ROOT), email));
        return List.copyOf(unique.values());
    }

    /** Someone else's meeting, or none at all: the same answer, so meeting ids reveal nothing. */
    public static final class MeetingNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MeetingNotFound() {
            super("No such meeting", null, false, false);
        }
    }
}
