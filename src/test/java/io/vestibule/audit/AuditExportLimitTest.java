package io.vestibule.audit;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An export holds every event its filter selects, or is refused with the count: never a shortened record. */
class AuditExportLimitTest {
    private static final AuditQuery ANY = AuditQuery.between(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"), 10);

    private static AuditLog matching(long events) {
        return new AuditLog() {
            @Override
            public void record(AuditEventType type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<AuditEvent> find(AuditQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long count(AuditQuery query) {
                return events;
            }
        };
    }

    @Test
    void anExportOfAsManyEventsAsItHoldsGoesAhead() {
        assertThatCode(() -> matching(100).checkExportable(ANY, 100)).doesNotThrowAnyException();
    }

    @Test
    void oneEventMoreThanAnExportHoldsIsRefusedWithTheCount() {
        assertThatThrownBy(() -> matching(101).checkExportable(ANY, 100))
                .isInstanceOfSatisfying(AuditExportTooLarge.class, refused -> {
                    assertThat(refused.matching()).isEqualTo(101);
                    assertThat(refused.limit()).isEqualTo(100);
                });
    }
}
