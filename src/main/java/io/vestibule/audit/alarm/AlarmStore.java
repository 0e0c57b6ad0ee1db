package io.vestibule.audit.alarm;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where alarms outlive the process (R-AUD-4). Every method may throw {@link AlarmStore.Unavailable}. */
public interface AlarmStore {
    void add(Alarm alarm);

    /** The alarm clears at {@code at}: now when it is cleared, later when a condition that ends by itself lasts longer. */
    void cleared(UUID id, Instant at);

    void detailChanged(UUID id, String detail);

    /** Every alarm kept, newest raised first. */
    List<Alarm> all();

    void remove(List<UUID> ids);

    /** The store cannot be read or written now; the alarm still holds in memory. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
