package io.vestibule.guard;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every alarm raised, in order. */
public final class RecordingAlarms implements BreakInAlarms {
    public record Alarm(String kind, String subject, Set<InetAddress> sources, Instant until) {
    }

    public final List<Alarm> raised = new CopyOnWriteArrayList<>();

    @Override
    public void roomBlocked(String roomId, Set<InetAddress> sources, Instant until) {
        raised.add(new Alarm("room", roomId, sources, until));
    }

    @Override
    public void addressBlocked(InetAddress address, Instant until) {
        raised.add(new Alarm("address", address.getHostAddress(), Set.of(address), until));
    }

    @Override
    public void accountBlocked(String account, Set<InetAddress> sources, Instant until) {
        raised.add(new Alarm("account", account, sources, until));
    }
}
