package io.vestibule.media.gateway.forward;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The selective forwarding of one conference: a packet from an admitted participant goes, unchanged and unmixed, to
 * every other admitted participant, and to no one else. RTP passes only from the sources its sender announced (R-RTC-2:
 * no one sends as another); feedback that asks a sender to act (NACK, PLI, FIR, REMB) goes to the sender of the
 * source it is about, so video recovers after loss and senders adapt their rate; other RTCP ends here.
 *
 * <p>Participants in the lobby are never admitted here, so they receive nothing. Membership is a snapshot replaced on
 * each change: packets are routed without a lock, and once {@link #remove} returns no packet of the removed
 * participant is routed and none is routed to it.
 */
public final class ConferenceRouter {
    private final int maximumSourcesPerParticipant;
    private final ForwardingCounters counters;
    private final Object changes = new Object();
    private volatile Members members = new Members(Map.of(), Map.of());

    private record Member(MediaSink sink, Set<Long> sources) {
    }

    /** Who receives, and who owns each source; never changed, only replaced. */
    private record Members(Map<String, Member> byParticipant, Map<Long, String> owners) {
    }

    public ConferenceRouter(int maximumSourcesPerParticipant, ForwardingCounters counters) {
        if (maximumSourcesPerParticipant < 1) {
            throw new IllegalArgumentException("A participant must be allowed at least one source");
        }
        this.maximumSourcesPerParticipant = maximumSourcesPerParticipant;
        this.counters = counters;
    }

    /**
     * Admits a participant whose media transport is up, with the sources its description announced; a participant
     * admitted again (a new transport after a reconnection) keeps only the new sink and sources.
     *
     * @throws SourceConflict when a source is another participant's, or there are too many
     */
    public void admit(String participant, Set<Long> sources, MediaSink sink) throws SourceConflict {
        synchronized (changes) {
            members = with(members, participant, new Member(sink, Set.copyOf(sources)));
        }
    }

    /**
     * Replaces the sources of an admitted participant after a renegotiation (a track added or removed).
     *
     * @return false when the participant is not admitted
     * @throws SourceConflict when a source is another participant's, or there are too many
     */
    public boolean announce(String participant, Set<Long> sources) throws SourceConflict {
        synchronized (changes) {
            Member member = members.byParticipant().get(participant);
            if (member == null) {
                return false;
            }
            members = with(members, participant, new Member(member.sink(), Set.copyOf(sources)));
            return true;
        }
    }

    /** Stops forwarding from and to the participant (removed, departed, or back in the lobby). */
    public void remove(String participant) {
        synchronized (changes) {
            Map<String, Member> byParticipant = new HashMap<>(members.byParticipant());
            if (byParticipant.remove(participant) != null) {
                members = new Members(Map.copyOf(byParticipant), owners(byParticipant));
            }
        }
    }

    public int admitted() {
        return members.byParticipant().size();
    }

    /**
     * Forwards a decrypted RTP packet of the given source to every other admitted participant.
     *
     * @return why it went to no one, or empty when it was forwarded (to no one, if the sender is alone)
     */
    public Optional<DropReason> rtpFrom(String participant, long ssrc, byte[] packet, int offset, int length) {
        counters.received();
        Members now = members;
        Member sender = now.byParticipant().get(participant);
        if (sender == null) {
            return dropped(DropReason.NOT_ADMITTED);
        }
        if (!sender.sources().contains(ssrc)) {
            return dropped(DropReason.FOREIGN_SSRC);
        }
        now.byParticipant().forEach((receiver, member) -> {
            if (!receiver.equals(participant)) {
                member.sink().forwardRtp(packet, offset, length);
                counters.sent(length);
            }
        });
        return Optional.empty();
    }

    /**
     * Routes each packet of a decrypted compound RTCP packet: sender reports of the sender's own sources to the
     * others, sender-bound feedback to the senders it is about, the rest nowhere.
     *
     * @return the reasons for the packets that went to no one, in order (empty when every one was forwarded)
     */
    public List<DropReason> rtcpFrom(String participant, byte[] compound, int offset, int length) {
        counters.received();
        Members now = members;
        Member sender = now.byParticipant().get(participant);
        if (sender == null) {
            return List.of(dropped(DropReason.NOT_ADMITTED).orElseThrow());
        }
        Optional<List<RtcpPacket>> packets = RtcpPacket.readCompound(compound, offset, length);
        if (packets.isEmpty()) {
            return List.of(dropped(DropReason.MALFORMED_RTCP).orElseThrow());
        }
        return packets.get().stream()
                .flatMap(packet -> route(now, participant, sender, compound, packet).stream())
                .toList();
    }

    private Optional<DropReason> route(Members now, String participant, Member sender, byte[] compound, RtcpPacket packet) {
        if (packet.type() == RtcpPacket.SENDER_REPORT) {
            if (!sender.sources().contains(packet.senderSsrc())) {
                return dropped(DropReason.FOREIGN_SSRC);
            }
            now.byParticipant().forEach((receiver, member) -> {
                if (!receiver.equals(participant)) {
                    forwardRtcp(member, compound, packet);
                }
            });
            return Optional.empty();
        }
        if (!packet.isFeedback()) {
            return dropped(DropReason.TERMINATED);
        }
        List<Long> sources = packet.feedbackSources(compound);
        if (sources.isEmpty()) {
            return dropped(DropReason.TERMINATED);
        }
        List<String> senders = sources.stream().map(now.owners()::get)
                .filter(owner -> owner != null && !owner.equals(participant)).distinct().toList();
        if (senders.isEmpty()) {
            return dropped(DropReason.UNKNOWN_SOURCE);
        }
        senders.forEach(owner -> forwardRtcp(now.byParticipant().get(owner), compound, packet));
        return Optional.empty();
    }

    private void forwardRtcp(Member receiver, byte[] compound, RtcpPacket packet) {
        receiver.sink().forwardRtcp(compound, packet.offset(), packet.length());
        counters.sent(packet.length());
    }

    private Optional<DropReason> dropped(DropReason reason) {
        counters.dropped(reason);
        return Optional.of(reason);
    }

    private Members with(Members current, String participant, Member member) throws SourceConflict {
        if (member.sources().size() > maximumSourcesPerParticipant) {
            throw new SourceConflict("A participant may send at most " + maximumSourcesPerParticipant + " sources; "
                    + member.sources().size() + " were announced");
        }
        for (Long source : member.sources()) {
            String owner = current.owners().get(source);
            if (owner != null && !owner.equals(participant)) {
                throw new SourceConflict("Source " + source + " is another participant's");
            }
        }
        Map<String, Member> byParticipant = new HashMap<>(current.byParticipant());
        byParticipant.put(participant, member);
        return new Members(Map.copyOf(byParticipant), owners(byParticipant));
    }

    private static Map<Long, String> owners(Map<String, Member> byParticipant) {
        Map<Long, String> owners = new HashMap<>();
        byParticipant.forEach((participant, member) -> member.sources().forEach(source -> owners.put(source, participant)));
        return Map.copyOf(owners);
    }
}
