package io.vestibule.booking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A booked meeting (R-BOOK): title, schedule, invitees and the room it takes place in. Every change that an
 * invitee's calendar must learn of raises the iCalendar SEQUENCE; cancelling is one such change.
 */
@Entity
@Table(name = "meeting")
public class Meeting {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "owner_id", length = 36, nullable = false)
    private String ownerId;

    @Column(name = "room_id", length = 36, nullable = false)
    private String roomId;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "starts_at", nullable = false)
    private OffsetDateTime startsAt;

    @Column(name = "ends_at", nullable = false)
    private OffsetDateTime endsAt;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(length = Recurrence.MAX_LENGTH)
    private String recurrence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MeetingStatus status;

    // Lazy: admission checks read a room's meetings on every join and never need their invitees.
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "meeting_invitee", joinColumns = @JoinColumn(name = "meeting_id"))
    @OrderColumn(name = "position")
    @Column(name = "email", length = 320, nullable = false)
    private List<String> invitees = new ArrayList<>();

    @Column(name = "ics_uid", nullable = false)
    private String icsUid;

    @Column(name = "ics_sequence", nullable = false)
    private int icsSequence;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "cancelled_at")
    private OffsetDateTime cancelledAt;

    @Version
    private int version;

    protected Meeting() {
    }

    public Meeting(UUID id, UUID ownerId, UUID roomId, String title, MeetingSchedule schedule, List<String> invitees,
                   String icsDomain, Instant now) {
        this.id = id.toString();
        this.ownerId = ownerId.toString();
        this.roomId = roomId.toString();
        this.status = MeetingStatus.SCHEDULED;
        this.icsUid = id + "@" + icsDomain;
        this.icsSequence = 0;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        apply(title, schedule, invitees, now);
    }

    /** Changes what invitees see; their calendars update because the sequence goes up. */
    public void revise(String title, MeetingSchedule schedule, List<String> invitees, Instant now) {
        requireScheduled();
        apply(title, schedule, invitees, now);
        icsSequence++;
    }

    /** Cancels the meeting; its room admits no one from now on. Cancelling twice changes nothing. */
    public void cancel(Instant now) {
        if (status == MeetingStatus.CANCELLED) {
            return;
        }
        status = MeetingStatus.CANCELLED;
        cancelledAt = now.atOffset(ZoneOffset.UTC);
        updatedAt = cancelledAt;
        icsSequence++;
    }

    public MeetingTimes times() {
        return new MeetingTimes(startsAt.toInstant(), endsAt.toInstant(), ZoneId.of(timeZone), Optional.ofNullable(recurrence),
                status == MeetingStatus.CANCELLED);
    }

    private void apply(String title, MeetingSchedule schedule, List<String> invitees, Instant now) {
        this.title = title;
        this.startsAt = schedule.start().toOffsetDateTime();
        this.endsAt = schedule.end().toOffsetDateTime();
        this.timeZone = schedule.zone().getId();
        this.recurrence = schedule.recurrence().map(Recurrence::rule).orElse(null);
        this.invitees = new ArrayList<>(invitees);
        this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    private void requireScheduled() {
        if (status == MeetingStatus.CANCELLED) {
            throw new MeetingCancelled();
        }
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID ownerId() {
        return UUID.fromString(ownerId);
    }

    public UUID roomId() {
        return UUID.fromString(roomId);
    }

    public String title() {
        return title;
    }

    public MeetingSchedule schedule() {
        return times().schedule();
    }

    public MeetingStatus status() {
        return status;
    }

    public List<String> invitees() {
        return List.copyOf(invitees);
    }

    /** When the meeting was cancelled; empty while it stands. */
    public Optional<Instant> cancelledAt() {
        return Optional.ofNullable(cancelledAt).map(OffsetDateTime::toInstant);
    }

    public String icsUid() {
        return icsUid;
    }

    public int icsSequence() {
        return icsSequence;
    }

    /** Refused: the meeting was cancelled and can no longer change. */
    public static final class MeetingCancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MeetingCancelled() {
            super("The meeting was cancelled", null, false, false);
        }
    }
}
