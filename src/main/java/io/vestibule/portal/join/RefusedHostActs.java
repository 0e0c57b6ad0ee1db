package io.vestibule.portal.join;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.access.ConferenceControl;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.RepeatedRefusals;
import io.vestibule.platform.logging.LogText;
import io.vestibule.portal.PortalAudit;

/**
 * Host controls refused to someone who is not a host of the conference (a guest, a removed participant, a refused
 * token) are audited under the act's type with outcome {@code REFUSED}: the participant by name and id when their
 * token names them, never the token. Nothing limits how often these routes may be called, so of the refusals of one
 * participant (or, for a token that names no one, one address) and one act at most one a minute is recorded.
 */
@ApplicationScoped
public class RefusedHostActs {
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final int REMEMBERED = 10_000;

    private PortalAudit audit;
    private RepeatedRefusals repeats;

    @Inject
    public RefusedHostActs(PortalAudit audit, Clock clock) {
        this.audit = audit;
        this.repeats = new RepeatedRefusals(clock, PERIOD, REMEMBERED);
    }

    /** For CDI's client proxy only. */
    protected RefusedHostActs() {
    }

    void notAHost(AuditEventType act, String conference, ConferenceControl.NotAllowed refusal) {
        Optional<UUID> participant = refusal.participantId();
        String actor = participant.map(id -> "guest " + refusal.participant().map(guest -> LogText.quoted(guest.displayName())).orElse("who left")
                + " (participant " + id + ")").orElse("a participant of another conference");
        String key = participant.map(UUID::toString).orElseGet(() -> "address " + audit.clientAddress());
        record(act, key, actor, conference, "not a host of this conference");
    }

    void tokenRefused(AuditEventType act, String conference, TokenRejected rejected) {
        record(act, "address " + audit.clientAddress(), "someone with a refused token", conference, rejected.code());
    }

    private void record(AuditEventType act, String key, String actor, String conference, String why) {
        OptionalInt leftOut = repeats.toRecord(act.type() + " " + key);
        if (leftOut.isPresent()) {
            audit.record(act, actor, AuditEvent.Outcome.REFUSED, "conference " + conference + ": " + why
                    + (leftOut.getAsInt() > 0 ? "; " + leftOut.getAsInt() + " more such refusals before this one were not recorded one by one" : ""));
        }
    }
}
