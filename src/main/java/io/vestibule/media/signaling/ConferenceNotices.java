package io.vestibule.media.signaling;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.ConferenceNotifier;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.conference.ParticipantState;
import io.vestibule.access.token.IssuedToken;
import io.vestibule.access.token.TokenRejection;
import io.vestibule.media.gateway.MediaGateway;

/**
 * Tells a conference's sockets what changes (R-RTC-1, R-ROOM-7): participants who come and go; hosts, one entry at
 * a time, who enters the lobby, leaves it or is let in (a host's socket got the whole lobby once, in {@code ready});
 * waiting participants when they are let in; and closes the sockets of those who leave, are removed, time out or
 * outlast their conference. A socket only ever hears of its own conference. Notices are queued on each socket
 * ({@link OutboundQueue}), so the join or lobby change that causes them never waits on a socket, and each goes
 * through the conference's {@link io.vestibule.access.conference.NoticeOrder}, which drops one about a participant
 * whose later change was told already.
 */
@ApplicationScoped
public class ConferenceNotices implements ConferenceNotifier {
    private static final Predicate<SocketClient> PARTICIPANTS = client -> client.stage() == SocketClient.Stage.PARTICIPANT;

    @Inject
    ConnectedSockets sockets;

    @Inject
    Clock clock;

    @Inject
    MediaGateway gateway;

    @Override
    public void joined(Conference conference, Participant participant) {
        conference.noticeOrder().send(participant,
                () -> broadcast(conference, PARTICIPANTS, () -> SignalingMessages.joined(participant)));
    }

    @Override
    public void departed(Conference conference, Participant participant) {
        gateway.departed(conference.id(), participant.id(), participant.state().name().toLowerCase(Locale.ROOT));
        conference.noticeOrder().send(participant, () -> tellDeparture(conference, participant));
    }

    private void tellDeparture(Conference conference, Participant participant) {
        Set<SocketClient> clients = sockets.inConference(conference.id());
        if (clients.isEmpty()) {
            return;
        }
        // Only hosts see the lobby: a departure from it is theirs to hear, as one entry gone from their list.
        String told = participant.departedFromLobby() ? SignalingMessages.lobbyChange("left", participant) : SignalingMessages.left(participant);
        Predicate<SocketClient> hears = participant.departedFromLobby() ? SocketClient::host : PARTICIPANTS;
        for (SocketClient client : clients) {
            if (participant.id().equals(client.participantId())) {
                client.send(switch (participant.state()) {
                    case REMOVED -> SignalingMessages.bare("removed");
                    case TIMED_OUT -> SignalingMessages.error("lobby_timeout", "nobody let you in in time");
                    case ENDED -> SignalingMessages.bare("ended");
                    default -> told;
                });
                client.close(CloseCodes.NORMAL_CLOSURE, participant.state().name().toLowerCase(Locale.ROOT));
            } else if (hears.test(client)) {
                client.send(told);
            }
        }
    }

    @Override
    public void waiting(Conference conference, Participant participant) {
        conference.noticeOrder().send(participant, () -> {
            Set<SocketClient> clients = sockets.inConference(conference.id());
            if (clients.isEmpty()) {
                return;
            }
            String entry = SignalingMessages.lobbyChange("joined", participant);
            for (SocketClient client : clients) {
                if (client.host()) {
                    client.send(entry);
                } else if (client.stage() == SocketClient.Stage.LOBBY && participant.id().equals(client.participantId())) {
                    client.send(SignalingMessages.waiting(participant));
                }
            }
        });
    }

    @Override
    public void admitted(Conference conference, Participant participant, Supplier<Optional<IssuedToken>> collectJoinToken) {
        conference.noticeOrder().send(participant, () -> {
            broadcast(conference, SocketClient::host, () -> SignalingMessages.lobbyChange("admitted", participant));
            deliverJoinToken(conference, participant, collectJoinToken);
        });
    }

    private void deliverJoinToken(Conference conference, Participant participant, Supplier<Optional<IssuedToken>> collectJoinToken) {
        List<SocketClient> waiting = sockets.inConference(conference.id()).stream()
                .filter(client -> client.stage() == SocketClient.Stage.LOBBY && participant.id().equals(client.participantId()))
                .toList();
        // With no socket of theirs waiting, the lobby token stays unspent for the page to collect the join token itself.
        if (waiting.isEmpty()) {
            return;
        }
        Optional<IssuedToken> token = collectJoinToken.get();
        if (token.isPresent()) {
            String admitted = SignalingMessages.admitted(conference, participant, token.get(), clock.instant());
            waiting.forEach(client -> client.send(admitted));
        } else if (stillAdmitted(conference, participant)) {
            // Someone else collected it with a copy of the lobby token: the socket is told rather than left waiting.
            waiting.forEach(client -> SocketAuthenticator.refuse(client, TokenRejection.SPENT.code()));
        }
    }

    private static boolean stillAdmitted(Conference conference, Participant participant) {
        return conference.participant(participant.id()).filter(found -> found.state() == ParticipantState.ADMITTED).isPresent();
    }

    @Override
    public void lockChanged(Conference conference, boolean locked) {
        broadcast(conference, PARTICIPANTS,
                () -> SignalingMessages.bare(locked ? "locked" : "unlocked"));
    }

    @Override
    public void ended(Conference conference, List<Participant> everyone) {
        gateway.ended(conference.id());
        String ended = SignalingMessages.bare("ended");
        for (SocketClient client : sockets.inConference(conference.id())) {
            client.send(ended);
            client.close(CloseCodes.NORMAL_CLOSURE, "ended");
        }
    }

    /** Builds the message only when someone is there to receive it: most joins happen with no socket open yet. */
    private void broadcast(Conference conference, Predicate<SocketClient> to, Supplier<String> message) {
        List<SocketClient> recipients = sockets.inConference(conference.id()).stream().filter(to).toList();
        if (!recipients.isEmpty()) {
            String text = message.get();
            recipients.forEach(client -> client.send(text));
        }
    }
}
