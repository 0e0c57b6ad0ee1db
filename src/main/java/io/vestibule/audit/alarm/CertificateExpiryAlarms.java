package io.vestibule.audit.alarm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Alarms for the certificates the service uses (R-AUD-4): {@code certificate_expiry} within {@link #EXPIRING} of
 * the end of its validity, {@code certificate_expiry_imminent} within {@link #IMMINENT}, {@code certificate_expired}
 * after it. A certificate has at most one of them at a time: moving to the next clears the one before, and a
 * certificate that is replaced, renewed or no longer used has its alarm cleared at the next check.
 *
 * <p>Alarms raised before a restart are taken over at the first check, so that a certificate replaced while the
 * service was stopped (the listener's is read at start) clears its alarm then.
 */
public final class CertificateExpiryAlarms {
    public static final Duration EXPIRING = Duration.ofDays(30);
    public static final Duration IMMINENT = Duration.ofDays(7);

    enum Urgency {
        EXPIRING("certificate_expiry"), IMMINENT("certificate_expiry_imminent"), EXPIRED("certificate_expired");

        final String type;

        Urgency(String type) {
            this.type = type;
        }
    }

    private record Raised(String type, UUID id) {
    }

    private final Alarms alarms;
    private final Clock clock;
    /** The alarm active for each certificate's subject; guarded by this. */
    private Map<String, Raised> raised;

    public CertificateExpiryAlarms(Alarms alarms, Clock clock) {
        this.alarms = alarms;
        this.clock = clock;
    }

    /**
     * Raises, moves on or clears the alarm of every certificate in use now; those of certificates not listed are
     * cleared. Returns when the next of them crosses a threshold, so that the caller may check again then rather than
     * up to a day late.
     */
    public synchronized Optional<Instant> check(List<WatchedCertificate> inUse) {
        Instant now = clock.instant();
        Map<String, Raised> before = raisedEarlier();
        Map<String, WatchedCertificate> bySubject = new LinkedHashMap<>();
        inUse.forEach(certificate -> bySubject.putIfAbsent(certificate.alarmSubject(), certificate));
        Map<String, Raised> after = new HashMap<>();
        bySubject.forEach((subject, certificate) -> {
            Optional<Raised> earlier = Optional.ofNullable(before.remove(subject));
            Optional<Urgency> urgency = urgency(certificate, now);
            if (urgency.isPresent() && earlier.filter(alarm -> alarm.type().equals(urgency.get().type)).isPresent()) {
                after.put(subject, earlier.get());
                return;
            }
            earlier.ifPresent(alarm -> alarms.clear(alarm.id()));
            urgency.ifPresent(raising -> after.put(subject, new Raised(raising.type,
                    alarms.raise(raising.type, subject, detail(certificate, raising, now), Optional.empty()).id())));
        });
        before.values().forEach(noLongerUsed -> alarms.clear(noLongerUsed.id()));
        raised = after;
        return bySubject.values().stream().map(WatchedCertificate::certificate).map(certificate -> certificate.getNotAfter().toInstant())
                .flatMap(notAfter -> Stream.of(notAfter.minus(EXPIRING), notAfter.minus(IMMINENT), notAfter))
                .filter(now::isBefore).min(Instant::compareTo);
    }

    static Optional<Urgency> urgency(WatchedCertificate watched, Instant now) {
        Instant notAfter = watched.certificate().getNotAfter().toInstant();
        if (!now.isBefore(notAfter)) {
            return Optional.of(Urgency.EXPIRED);
        }
        Duration left = Duration.between(now, notAfter);
        if (left.compareTo(IMMINENT) <= 0) {
            return Optional.of(Urgency.IMMINENT);
        }
        return left.compareTo(EXPIRING) <= 0 ? Optional.of(Urgency.EXPIRING) : Optional.empty();
    }

    private static String detail(WatchedCertificate watched, Urgency urgency, Instant now) {
        Instant notAfter = watched.certificate().getNotAfter().toInstant();
        String which = "The certificate of " + watched.use() + ", subject " + watched.certificate().getSubjectX500Principal().getName()
                + ", serial " + watched.certificate().getSerialNumber().toString(16);
        if (urgency == Urgency.EXPIRED) {
            return which + ", expired on " + notAfter + " (notAfter); replace it. See docs/admin-guide.md, \"Certificate expiry\"";
        }
        long days = Duration.between(now, notAfter).toDays();
        return which + ", expires on " + notAfter + " (notAfter), in " + (days == 0 ? "less than a day" : days + (days == 1 ? " day" : " days"))
                + "; replace it. See docs/admin-guide.md, \"Certificate expiry\"";
    }

    /** This process's alarms; at the first check, the active ones a run before this one raised. */
    private Map<String, Raised> raisedEarlier() {
        if (raised != null) {
            return new HashMap<>(raised);
        }
        List<String> types = Arrays.stream(Urgency.values()).map(urgency -> urgency.type).toList();
        Map<String, Raised> earlier = new HashMap<>();
        alarms.active().stream().filter(alarm -> types.contains(alarm.type()) && alarm.clearsAt().isEmpty()).forEach(alarm -> {
            if (earlier.putIfAbsent(alarm.subject(), new Raised(alarm.type(), alarm.id())) != null) {
                alarms.clear(alarm.id());
            }
        });
        return earlier;
    }
}
