package io.vestibule.booking;

import java.time.Instant;

/** Whether a booked meeting's room admits joins at a given moment, and if not, when it opens or closed. */
public sealed interface Admission {
    record Open() implements Admission {
    }

    record NotYetOpen(Instant opensAt) implements Admission {
    }

    record Closed(Instant closedAt) implements Admission {
    }

    record Cancelled() implements Admission {
    }
}
