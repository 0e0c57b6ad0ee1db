package io.vestibule.access.conference;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps what a conference's clients are told about each participant in the order the conference changed: notices
 * are sent after the change, outside the conference's lock, so two changes of one participant (an admission and a
 * removal racing) may reach the sender in either order. Each participant snapshot carries the number of the change
 * that made it ({@link Participant#change()}, assigned under the conference's lock); a notice about an older change
 * than one already sent is stale and dropped, so nobody is told {@code left} and then {@code joined} for someone the
 * conference no longer has.
 *
 * <p>One per conference; its own lock, held only while notices are queued (never while they travel), is taken after
 * the sender's work on the conference, never before it under the conference's lock.
 */
public final class NoticeOrder {
    private final Map<UUID, Long> lastSent = new HashMap<>();

    /**
     * Runs {@code send} unless a later change of the same participant has been sent already; notices about the same
     * change (an admission told to the lobby socket, to the hosts and to the participants) all go.
     *
     * @return false when the notice was stale and dropped
     */
    public synchronized boolean send(Participant about, Runnable send) {
        Long last = lastSent.get(about.id());
        if (last != null && last > about.change()) {
            return false;
        }
        lastSent.put(about.id(), about.change());
        send.run();
        return true;
    }
}
