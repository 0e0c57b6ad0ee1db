package io.vestibule.audit.alarm;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A condition an administrator must know of (R-AUD-4): what (type), about what (subject), details, when it was
 * raised and, for conditions that end by themselves such as a break-in block, when it clears.
 */
public record Alarm(UUID id, String type, String subject, String detail, Instant raisedAt, Optional<Instant> clearsAt) {
    public boolean activeAt(Instant now) {
        return clearsAt.map(now::isBefore).orElse(true);
    }
}
