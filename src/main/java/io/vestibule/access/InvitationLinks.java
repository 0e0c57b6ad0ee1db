package io.vestibule.access;

import java.time.Clock;
import java.time.Instant;

import io.vestibule.access.token.IssuedToken;
import io.vestibule.access.token.JoinTokenIssuer;
import io.vestibule.access.token.TokenSettings;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.MeetingStatus;

/**
 * Invitation links (R-JOIN-4): the join URL with an invitation token in its fragment, which browsers never send to a
 * server. It lets invited portal users skip the guest PIN only where the administrator allows it
 * ({@code VESTIBULE_JOIN_INVITEES_SKIP_GUEST_PIN}); otherwise the PIN is still needed. A link lives until the
 * meeting's last join window closes, at most the invitation lifetime.
 */
public final class InvitationLinks {
    private final BookingService bookings;
    private final JoinTokenIssuer issuer;
    private final TokenSettings tokens;
    private final Clock clock;

    public InvitationLinks(BookingService bookings, JoinTokenIssuer issuer, TokenSettings tokens, Clock clock) {
        this.bookings = bookings;
        this.issuer = issuer;
        this.tokens = tokens;
        this.clock = clock;
    }

    public InvitationLink issue(BookedMeeting booked) {
        Instant now = clock.instant();
        Instant closes = bookings.lastClosing(booked.meeting())
                .filter(last -> last.isBefore(now.plus(tokens.invitationLifetime())))
                .orElse(now.plus(tokens.invitationLifetime()).minusSeconds(60));
        if (booked.meeting().status() == MeetingStatus.CANCELLED) {
            throw new InvitationRefused(InvitationRefused.Reason.MEETING_CANCELLED);
        }
        if (!closes.isAfter(now)) {
            throw new InvitationRefused(InvitationRefused.Reason.MEETING_OVER);
        }
        IssuedToken invitation = issuer.issueInvitation("meeting:" + booked.meeting().id(), booked.room().id().toString(),
                ParticipantRole.GUEST, now, closes);
        return new InvitationLink(bookings.joinUrl(booked.room()) + "#invitation=" + invitation.compact(),
                invitation.claims().expiresAt());
    }

    /** A link to hand out, and when its token expires. */
    public record InvitationLink(String url, Instant expiresAt) {
    }
}
