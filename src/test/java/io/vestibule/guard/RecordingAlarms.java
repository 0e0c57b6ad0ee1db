package io.vestibule.guard;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every alarm raised, in order, the alarms of lifted blocks and of extended ones; an alarm's reference is its position, from 1. */
public final class RecordingAlarms implements BreakInAlarms {
    public record Alarm(String kind, String subject, Set<InetAddress> sources, Instant until) {
    }

    public final List<Alarm> raised = new CopyOnWriteArrayList<>();
    public final List<Alarm> lifted = new CopyOnWriteArrayList<>();
    public final List<Extension> extended = new CopyOnWriteArrayList<>();

    /** An alarm (its reference) whose block now ends at {@code until}. */
    public record Extension(String alarm, Instant until) {
    }

    @Override
    public String roomBlocked(String roomId, Set<InetAddress> sources, Instant until) {
        return raise(new Alarm("room", roomId, sources, until));
    }

    @Override
    public String addressBlocked(InetAddress address, Instant until) {
        return raise(new Alarm("address", address.getHostAddress(), Set.of(address), until));
    }

    @Override
    public String accountBlocked(String account, Set<InetAddress> sources, Instant until) {
        return raise(new Alarm("account", account, sources, until));
    }

    @Override
    public void blockExtended(String alarm, Instant until) {
        extended.add(new Extension(alarm, until));
    }

    @Override
    public void blockLifted(String alarm) {
        lifted.add(raised.get(Integer.parseInt(alarm) - 1));
    }

    private synchronized String raise(Alarm alarm) {
        raised.add(alarm);
        return String.valueOf(raised.size());
    }
}
