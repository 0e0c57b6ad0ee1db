package io.vestibule.guard;

import java.time.Duration;
import java.util.Objects;

/** The guard's answer to an attempt: admitted, or refused until a time the client may be told ({@code Retry-After}). */
public sealed interface Verdict permits Verdict.Admitted, Verdict.Refused {

    Verdict ADMITTED = new Admitted();

    static Verdict admitted() {
        return ADMITTED;
    }

    static Verdict refused(Reason reason, Duration remaining) {
        return new Refused(reason, remaining);
    }

    default boolean isAdmitted() {
        return this instanceof Admitted;
    }

    enum Reason {
        /** The source address made too many attempts (HTTP 429). */
        ADDRESS_BLOCKED,
        /** The account had too many failed logins (HTTP 429). */
        ACCOUNT_BLOCKED
    }

    record Admitted() implements Verdict {
    }

    /** {@code retryAfter} is the remaining block rounded up to whole seconds, at least one. */
    record Refused(Reason reason, Duration retryAfter) implements Verdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            retryAfter = wholeSecondsUp(Objects.requireNonNull(retryAfter, "retryAfter"));
        }

        /** The value of a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return retryAfter.getSeconds();
        }

        private static Duration wholeSecondsUp(Duration remaining) {
            long seconds = remaining.getSeconds() + (remaining.getNano() > 0 ? 1 : 0);
            return Duration.ofSeconds(Math.max(1, seconds));
        }
    }
}
