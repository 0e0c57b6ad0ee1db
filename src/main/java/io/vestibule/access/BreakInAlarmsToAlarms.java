package io.vestibule.access;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.vestibule.access.bruteforce.BreakInAlarms;
import io.vestibule.admin.alarm.Alarms;

/** Break-in blocks become alarms (R-BRUTE-1, R-BRUTE-2, R-AUD-4), cleared when the block ends, and counted. */
public final class BreakInAlarmsToAlarms implements BreakInAlarms {
    private final Alarms alarms;
    private final JoinMetrics metrics;

    public BreakInAlarmsToAlarms(Alarms alarms, JoinMetrics metrics) {
        this.alarms = alarms;
        this.metrics = metrics;
    }

    @Override
    public void roomBlocked(String roomId, Set<InetAddress> sources, Instant until) {
        metrics.blocked("room");
        alarms.raise("break_in_room", "room " + roomId,
                "too many wrong PINs; the room answers as if it did not exist; sources " + list(sources), Optional.of(until));
    }

    @Override
    public void addressBlocked(InetAddress address, Instant until) {
        metrics.blocked("address");
        alarms.raise("break_in_address", IpLiteral.text(address), "too many join attempts; joins from it are refused",
                Optional.of(until));
    }

    @Override
    public void accountBlocked(String account, Set<InetAddress> sources, Instant until) {
        metrics.blocked("account");
        alarms.raise("break_in_account", "account " + account, "too many failed sign-ins; sources " + list(sources),
                Optional.of(until));
    }

    private static String list(Set<InetAddress> sources) {
        return sources.stream().map(IpLiteral::text).sorted().collect(Collectors.joining(", "));
    }
}
