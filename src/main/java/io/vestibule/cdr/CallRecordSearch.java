package io.vestibule.cdr;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.vestibule.access.events.CallEvent;
import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.store.CallRecordStore;
import io.vestibule.platform.Uuids;

/**
 * Auditors' search (R-CDR-5): by time range and, through the days' blind indexes, by room, participant (id or name)
 * and outcome, without decrypting anything but the records found.
 */
public final class CallRecordSearch {
    public static final Duration LONGEST_RANGE = Duration.ofDays(366);

    /** {@code rooms} are room ids, any of which a record may name; none means every room. */
    public record Query(Instant from, Instant to, Set<String> rooms, Optional<String> participant, Optional<String> outcome) {
        public Query {
            rooms = Set.copyOf(rooms);
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("'from' must be before 'to'");
            }
            if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
                throw new IllegalArgumentException("A search covers at most 366 days");
            }
        }
    }

    /** A record found: where it is in the chain, and its event (empty when its day's key was destroyed). */
    public record Found(long sequence, Instant occurredAt, Optional<CallEvent> event) {
    }

    private final CallRecordStore store;
    private final CallRecordKeys keys;
    private final BlindIndex index;
    private final CallRecordSealer sealer;

    public CallRecordSearch(CallRecordStore store, CallRecordKeys keys, BlindIndex index, CallRecordSealer sealer) {
        this.store = store;
        this.keys = keys;
        this.index = index;
        this.sealer = sealer;
    }

    public List<Found> search(Query query, int limit) {
        List<CallRecordKeys.DayKey> days = new ArrayList<>();
        for (LocalDate day = CallRecordKeys.dayOf(query.from()); !day.isAfter(CallRecordKeys.dayOf(query.to())); day = day.plusDays(1)) {
            keys.existingForDay(day).ifPresent(days::add);
        }
        boolean byId = query.participant().flatMap(Uuids::parse).isPresent();
        List<String> rooms = query.rooms().stream().flatMap(room -> indexes(days, Optional.of(room), BlindIndex.Kind.ROOM).stream())
                .distinct().toList();
        List<String> participants = byId ? indexes(days, query.participant(), BlindIndex.Kind.PARTICIPANT) : List.of();
        List<String> names = byId ? List.of() : indexes(days, query.participant(), BlindIndex.Kind.NAME);
        List<String> outcomes = indexes(days, query.outcome(), BlindIndex.Kind.OUTCOME);
        boolean filtered = !query.rooms().isEmpty() || query.participant().isPresent() || query.outcome().isPresent();
        if (filtered && days.isEmpty()) {
            return List.of();
        }
        return store.find(query.from(), query.to(), rooms, participants, names, outcomes, limit).stream()
                .map(record -> new Found(record.sequence(), record.occurredAt(), sealer.open(record)))
                .toList();
    }

    public Optional<Found> bySequence(long sequence) {
        return store.bySequence(sequence).map(record -> new Found(record.sequence(), record.occurredAt(), sealer.open(record)));
    }

    private List<String> indexes(List<CallRecordKeys.DayKey> days, Optional<String> value, BlindIndex.Kind kind) {
        if (value.isEmpty()) {
            return List.of();
        }
        Function<CallRecordKeys.DayKey, String> of = day -> index.of(day.indexKey(), kind, value);
        return days.stream().map(of).distinct().toList();
    }

}
