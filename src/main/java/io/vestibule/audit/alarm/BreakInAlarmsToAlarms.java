package io.vestibule.audit.alarm;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.vestibule.access.JoinMetrics;
import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.guard.BreakInAlarms;
import io.vestibule.identity.AccountNames;
import io.vestibule.platform.net.IpLiteral;

/**
 * Break-in blocks become alarms (R-BRUTE-1, R-BRUTE-2, R-AUD-4), cleared when the block ends or is lifted, and counted; blocks of
 * rooms and addresses are also call records (R-CDR-1). The guard, a lower layer, is handed this through its
 * {@link BreakInAlarms} port.
 */
@Dependent
public final class BreakInAlarmsToAlarms implements BreakInAlarms {
    private final Alarms alarms;
    private final JoinMetrics metrics;
    private final CallRecorder calls;
    private final Clock clock;
    private final AccountNames accountNames;

    @Inject
    public BreakInAlarmsToAlarms(Alarms alarms, JoinMetrics metrics, CallRecorder calls, Clock clock, AccountNames accountNames) {
        this.alarms = alarms;
        this.metrics = metrics;
        this.calls = calls;
        this.clock = clock;
        this.accountNames = accountNames;
    }

    @Override
    public String roomBlocked(String roomId, Set<InetAddress> sources, Instant until) {
        metrics.blocked("room");
        Alarm alarm = alarms.raise("break_in_room", "room " + roomId,
                "too many wrong PINs; the room answers as if it did not exist; sources " + list(sources), Optional.of(until));
        calls.record(CallEvent.of(CallEvent.Type.BLOCK, clock.instant(), "room_blocked").room(roomId)
                .detail("until " + until + "; sources " + list(sources)).build());
        return alarm.id().toString();
    }

    @Override
    public String addressBlocked(InetAddress address, Instant until) {
        metrics.blocked("address");
        Alarm alarm = alarms.raise("break_in_address", IpLiteral.text(address), "too many join attempts; joins from it are refused",
                Optional.of(until));
        calls.record(CallEvent.of(CallEvent.Type.BLOCK, clock.instant(), "address_blocked").remote(IpLiteral.text(address), null, null)
                .detail("until " + until).build());
        return alarm.id().toString();
    }

    @Override
    public String accountBlocked(String account, Set<InetAddress> sources, Instant until) {
        metrics.blocked("account");
        return alarms.raise("break_in_account", accountNames.exists(account) ? "account " + account : "an unknown account",
                "too many failed sign-ins; sources " + list(sources), Optional.of(until)).id().toString();
    }

    @Override
    public void blockExtended(String alarm, Instant until) {
        alarms.clearsLater(UUID.fromString(alarm), until);
    }

    @Override
    public void blockLifted(String alarm) {
        alarms.clear(UUID.fromString(alarm));
    }

    private static String list(Set<InetAddress> sources) {
        return sources.stream().map(IpLiteral::text).sorted().collect(Collectors.joining(", "));
    }
}
