package io.vestibule.admin.keys;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;
import io.vestibule.audit.AuditQuery;
import io.vestibule.crypto.keys.DataKey;
import io.vestibule.crypto.keys.DataKeyRing;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each data key retired by age is a {@code keys.retire} event by the actor system, naming the key but never its
 * material. No black-box test produces it: the shortest lifetime is a day, so a server would need a data key made a
 * day before (a database edited behind its back) and a restart with the setting, and the first check runs a minute
 * after the start.
 */
class DataKeyRetirementTest {
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final TestClock clock = new TestClock(NOW);
    private final List<String> recorded = new ArrayList<>();

    @Test
    void eachKeyRetiredIsAuditedBySystemWithItsPurposeAndAge() {
        DataKey old = stored(new DataKey("room-pins", "kek-1", new byte[] {42, 43, 44}, NOW.minus(Duration.ofDays(400))), 7);
        RetiringRing ring = new RetiringRing(List.of(old));

        List<DataKey> retired = new DataKeyRetirement(ring, log(), clock, 365).retireOldKeys();

        assertThat(retired).containsExactly(old);
        assertThat(ring.cutoff).isEqualTo(NOW.minus(Duration.ofDays(365)));
        assertThat(recorded).containsExactly("keys.retire|system|-|SUCCESS|data key room-pins #7 of " + NOW.minus(Duration.ofDays(400))
                + " retired after 365 days");
    }

    @Test
    void aRetirementThatFailsIsNotAuditedAsDoneAndWaitsForTheNextDay() {
        RetiringRing ring = new RetiringRing(null);

        assertThat(new DataKeyRetirement(ring, log(), clock, 30).retireOldKeys()).isEmpty();
        assertThat(recorded).isEmpty();
    }

    /** The key as the database numbered it. */
    private static DataKey stored(DataKey key, int id) {
        try {
            Field field = DataKey.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(key, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    /** A ring that retires the keys it is given, or fails when given none. */
    private static final class RetiringRing extends DataKeyRing {
        private final List<DataKey> retiring;
        Instant cutoff;

        RetiringRing(List<DataKey> retiring) {
            this.retiring = retiring;
        }

        @Override
        public List<DataKey> retireActiveCreatedBefore(Instant cutoff) {
            this.cutoff = cutoff;
            if (retiring == null) {
                throw new IllegalStateException("the database is down");
            }
            return retiring;
        }
    }

    private AuditLog log() {
        return new AuditLog() {
            @Override
            public void record(AuditEventType type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail) {
                recorded.add(type.type() + "|" + actor + "|" + sourceAddress + "|" + outcome + "|" + detail);
            }

            @Override
            public List<AuditEvent> find(AuditQuery query) {
                return List.of();
            }

            @Override
            public long count(AuditQuery query) {
                return recorded.size();
            }
        };
    }
}
