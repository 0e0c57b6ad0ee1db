package io.vestibule.media.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.logging.Logger;

import io.vestibule.access.events.CallRecorder;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.media.gateway.dtls.CertificateFingerprint;
import io.vestibule.media.gateway.dtls.DtlsFailure;
import io.vestibule.media.gateway.dtls.DtlsOutcome;
import io.vestibule.media.gateway.dtls.DtlsServerEndpoint;
import io.vestibule.media.gateway.dtls.DtlsSettingsSource;
import io.vestibule.media.gateway.dtls.GatewayCertificate;
import io.vestibule.media.gateway.forward.ConferenceRouter;
import io.vestibule.media.gateway.forward.ForwardingCounters;
import io.vestibule.media.gateway.forward.SourceConflict;
import io.vestibule.media.gateway.ice.IceEnd;
import io.vestibule.media.gateway.ice.IcePorts;
import io.vestibule.media.gateway.ice.IceTransport;
import io.vestibule.media.gateway.ice.LocalIceDescription;
import io.vestibule.media.gateway.negotiation.GatewayAnswer;
import io.vestibule.media.gateway.negotiation.LocalTransport;
import io.vestibule.media.gateway.negotiation.PayloadTypes;
import io.vestibule.media.gateway.negotiation.RemoteTrack;
import io.vestibule.media.gateway.srtp.SrtpSession;
import io.vestibule.media.sdp.Directions;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRule;
import io.vestibule.media.sdp.SessionDescription;

/**
 * The media gateway (R-RTC-3): every admitted participant's media comes here over its own ICE, DTLS and SRTP, and
 * goes from here to the others of its conference. A participant's first offer makes its transport (wired in
 * {@link ParticipantMedia}); its later offers, with the same credentials, only change what it receives. When the
 * tracks of a conference change, each other participant is asked to offer again, so that its answer can carry them.
 */
public final class MediaGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaGateway.class.getName());
    private static final int MAXIMUM_SOURCES_PER_PARTICIPANT = 16;
    private static final String SHA_256 = "sha-256";

    private final IcePorts ports;
    private final GatewayCertificate certificate;
    private final DtlsSettingsSource dtlsSettings;
    private final Executor handshakes;
    private final GatewayMessages messages;
    private final MediaBindings bindings;
    private final CryptoPolicy policy;
    private final SecureRandom random;
    private final CallRecorder calls;
    private final Clock clock;
    private final ConferenceWatcher watcher;
    private final ForwardingCounters counters = new ForwardingCounters();
    private final Map<UUID, ConferenceMedia> conferences = new ConcurrentHashMap<>();
    private final Map<String, Long> dtlsFailures = new ConcurrentHashMap<>();
    private final long sessionId;

    /**
     * One conference's router and its participants' negotiations; changed only under its own lock. Its counts are
     * also kept apart, for metrics read without that lock.
     */
    private static final class ConferenceMedia {
        final UUID roomId;
        final ConferenceRouter router;
        final Map<UUID, Negotiation> negotiations = new HashMap<>();
        volatile int participants;
        volatile int streams;

        ConferenceMedia(UUID roomId, ForwardingCounters counters) {
            this.roomId = roomId;
            this.router = new ConferenceRouter(MAXIMUM_SOURCES_PER_PARTICIPANT, counters);
        }

        void put(UUID participantId, Negotiation negotiation) {
            negotiations.put(participantId, negotiation);
            recount();
        }

        Negotiation remove(UUID participantId) {
            Negotiation removed = negotiations.remove(participantId);
            recount();
            return removed;
        }

        void clear() {
            negotiations.clear();
            recount();
        }

        private void recount() {
            participants = negotiations.size();
            streams = negotiations.values().stream().mapToInt(negotiation -> negotiation.published().size()).sum();
        }
    }

    /** The answer to an offer, and whether the page must offer again to receive everything there is. */
    public record Reply(String answer, Optional<Receive> offerAgain) {
    }

    /** How many sections the page needs to receive the others' audio and video. */
    public record Receive(int audio, int video) {
    }

    public MediaGateway(IcePorts ports, GatewayCertificate certificate, DtlsSettingsSource dtlsSettings, Executor handshakes,
                        GatewayMessages messages, MediaBindings bindings, CryptoPolicy policy, SecureRandom random, CallRecorder calls,
                        Clock clock, ConferenceWatcher watcher) {
        this.ports = ports;
        this.certificate = certificate;
        this.dtlsSettings = dtlsSettings;
        this.handshakes = handshakes;
        this.messages = messages;
        this.bindings = bindings;
        this.policy = policy;
        this.random = random;
        this.calls = calls;
        this.clock = clock;
        this.watcher = watcher;
        this.sessionId = random.nextLong() & Long.MAX_VALUE;
    }

    /**
     * Answers an offer that passed the DTLS-SRTP policy, from an admitted participant.
     *
     * @throws SdpRefused when the gateway cannot forward what it offers (codecs, sources)
     * @throws MediaRefused when the gateway cannot take the participant now
     */
    public Reply offer(UUID conferenceId, UUID roomId, UUID participantId, SessionDescription offer) throws SdpRefused, MediaRefused {
        OfferedMedia offered = OfferedMedia.of(offer, policy.dtlsFingerprintHashes());
        requireBoundCertificate(conferenceId, participantId, offered.certificate());
        while (true) {
            ConferenceMedia conference = conferences.computeIfAbsent(conferenceId, id -> opened(id, new ConferenceMedia(roomId, counters)));
            synchronized (conference) {
                if (conferences.get(conferenceId) != conference) {
                    continue;
                }
                try {
                    return answer(conference, conferenceId, participantId, offered);
                } finally {
                    forgetIfEmpty(conferenceId, conference);
                }
            }
        }
    }

    /** Answers an offer under the lock of its conference, the one in use (not one just forgotten as empty). */
    private Reply answer(ConferenceMedia conference, UUID conferenceId, UUID participantId, OfferedMedia offered)
            throws SdpRefused, MediaRefused {
        requireOwnSources(conference, participantId, offered.sources());
        Negotiation previous = conference.negotiations.get(participantId);
        if (previous != null && !offered.continues(previous)) {
            conference.remove(participantId);
            end(previous.media(), "replaced");
            previous = null;
        }
        Negotiation current = previous == null ? connect(conference, conferenceId, participantId, offered)
                : rekeyed(conference, participantId, previous, offered);
        List<RemoteTrack> others = tracksExcept(conference, participantId);
        GatewayAnswer.Answer answer = GatewayAnswer.to(offered.description(), current.local(), offered.types(), others, current.receiving(),
                sessionId, current.version() + 1);
        current.media().receivable(sourcesOf(answer.sending().values(), offered.types()));
        conference.put(participantId, new Negotiation(current.media(), offered.ufrag(), offered.password(), offered.fingerprint(),
                current.local(), offered.published(), offered.sources(), answer.sending(), current.version() + 1));
        if (previous == null ? !offered.published().isEmpty() : !previous.published().equals(offered.published())) {
            askOthersToOfferAgain(conferenceId, conference, participantId);
        }
        Receive needed = needed(others);
        boolean tooFewSections = receivingSections(offered.description(), "audio") < needed.audio()
                || receivingSections(offered.description(), "video") < needed.video();
        return new Reply(answer.sdp(), tooFewSections ? Optional.of(needed) : Optional.empty());
    }

    /**
     * A participant left, was removed or timed out: its media ends, and the others stop receiving it.
     *
     * @param reason why, for the call record ({@code left}, {@code removed}, ...)
     */
    public void departed(UUID conferenceId, UUID participantId, String reason) {
        ConferenceMedia conference = conferences.get(conferenceId);
        if (conference == null) {
            return;
        }
        synchronized (conference) {
            Negotiation gone = conference.remove(participantId);
            if (gone != null) {
                end(gone.media(), reason);
                if (!gone.published().isEmpty()) {
                    askOthersToOfferAgain(conferenceId, conference, participantId);
                }
            }
            forgetIfEmpty(conferenceId, conference);
        }
    }

    /** The conference ended: every participant's media ends. */
    public void ended(UUID conferenceId) {
        forget(conferenceId, held -> true).ifPresent(conference -> {
            synchronized (conference) {
                conference.negotiations.forEach((participantId, negotiation) -> end(negotiation.media(), "ended"));
                conference.clear();
            }
        });
    }

    public ForwardingCounters.Totals forwarding() {
        return counters.totals();
    }

    /** Conferences with media through the gateway. */
    public int conferences() {
        return conferences.size();
    }

    /** Tracks participants send through the gateway, in all conferences. */
    public int streams() {
        return conferences.values().stream().mapToInt(conference -> conference.streams).sum();
    }

    /** DTLS handshakes refused, by reason ({@code fingerprint_mismatch}, {@code timeout}, ...). */
    public Map<String, Long> dtlsFailures() {
        return Map.copyOf(dtlsFailures);
    }

    /** The gateway's DTLS certificate, which peers pin by its fingerprint. */
    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /** Participants whose media the gateway carries, in all conferences. */
    public int participants() {
        return conferences.values().stream().mapToInt(conference -> conference.participants).sum();
    }

    @Override
    public void close() {
        new ArrayList<>(conferences.keySet()).forEach(this::ended);
        ports.close();
    }

    private Negotiation connect(ConferenceMedia conference, UUID conferenceId, UUID participantId, OfferedMedia offered) throws MediaRefused {
        ParticipantMedia media = new ParticipantMedia(new MediaParty(conferenceId, conference.roomId, participantId), conference.router,
                offered.types());
        IceTransport transport;
        try {
            transport = ports.newTransport(media);
        } catch (IOException e) {
            LOG.warning(() -> "The media gateway could not open a transport: " + e.getMessage());
            throw new MediaRefused("media_unavailable", "the media gateway cannot take a participant now");
        }
        transport.setRemoteCredentials(offered.ufrag(), offered.password());
        DtlsServerEndpoint dtls = new DtlsServerEndpoint(dtlsSettings, certificate, offered.certificate(), media::toNetwork, random, policy);
        media.attach(transport, dtls);
        LocalIceDescription ice = transport.local();
        LocalTransport local = new LocalTransport(ice.ufrag(), ice.password(), ice.candidates(), certificate.sdpFingerprint(), false);
        transport.start();
        dtls.start(handshakes).thenAccept(outcome -> handshakeEnded(conferenceId, participantId, media, outcome));
        transport.ended().thenAccept(end -> transportEnded(conferenceId, participantId, media, end));
        return new Negotiation(media, offered.ufrag(), offered.password(), offered.fingerprint(), local, offered.published(),
                offered.sources(), Map.of(), 0);
    }

    private static Negotiation rekeyed(ConferenceMedia conference, UUID participantId, Negotiation previous, OfferedMedia offered)
            throws SdpRefused {
        previous.media().payloadTypes(offered.types());
        try {
            conference.router.announce(participantId.toString(), offered.sources());
        } catch (SourceConflict conflict) {
            throw new SdpRefused(SdpRule.SOURCES, conflict.getMessage());
        }
        return previous;
    }

    private void handshakeEnded(UUID conferenceId, UUID participantId, ParticipantMedia media, DtlsOutcome outcome) {
        if (outcome instanceof DtlsOutcome.Established established) {
            LOG.info(() -> "Media of participant " + participantId + " in conference " + conferenceId + ": "
                    + established.protocolVersion() + ", " + established.cipherSuite() + ", " + established.srtpProfile());
            if (!bindings.bind(conferenceId, participantId, thumbprint(established.peerFingerprint()))) {
                LOG.info(() -> "The media of participant " + participantId + " in conference " + conferenceId
                        + " is bound to another certificate; this connection's is refused");
                calls.record(MediaCallEvents.refused(media.party(),
                        new DtlsOutcome.Refused(DtlsFailure.PEER_CERTIFICATE_REFUSED, "not the certificate the join token is bound to"), clock.instant()));
                failed(conferenceId, participantId, media, "certificate_not_bound");
                return;
            }
            media.keyed(SrtpSession.forDtlsServer(established.keyingMaterial()), clock.instant());
            calls.record(MediaCallEvents.connected(media.party(), established, media.remote().orElse(null), clock.instant()));
            ConferenceMedia conference = conferences.get(conferenceId);
            if (conference == null) {
                end(media, "ended");
                return;
            }
            synchronized (conference) {
                Negotiation current = conference.negotiations.get(participantId);
                if (current == null || current.media() != media) {
                    end(media, "replaced");
                    return;
                }
                try {
                    conference.router.admit(participantId.toString(), current.sources(), media);
                } catch (SourceConflict conflict) {
                    failed(conferenceId, conference, participantId, media, "source_conflict");
                }
            }
        } else if (outcome instanceof DtlsOutcome.Refused refused) {
            LOG.info(() -> "The DTLS handshake of participant " + participantId + " in conference " + conferenceId + " failed: "
                    + refused.reason() + " (" + refused.detail() + ")");
            if (refused.reason() != DtlsFailure.CLOSED) {
                dtlsFailures.merge(refused.reason().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                calls.record(MediaCallEvents.refused(media.party(), refused, clock.instant()));
            }
            failed(conferenceId, participantId, media, "dtls_" + refused.reason().name().toLowerCase(Locale.ROOT));
        }
    }

    private void transportEnded(UUID conferenceId, UUID participantId, ParticipantMedia media, IceEnd end) {
        if (end == IceEnd.CLOSED) {
            return;
        }
        LOG.info(() -> "The media transport of participant " + participantId + " in conference " + conferenceId + " ended: " + end);
        failed(conferenceId, participantId, media, "ice_" + end.name().toLowerCase(Locale.ROOT));
    }

    /** As below, from outside the conference's lock; a conference already forgotten has ended its media already. */
    private void failed(UUID conferenceId, UUID participantId, ParticipantMedia media, String reason) {
        ConferenceMedia conference = conferences.get(conferenceId);
        if (conference == null) {
            end(media, "ended");
            return;
        }
        synchronized (conference) {
            failed(conferenceId, conference, participantId, media, reason);
        }
    }

    /** Ends a participant's media connection for a reason the page is told; the others stop receiving it. */
    private void failed(UUID conferenceId, ConferenceMedia conference, UUID participantId, ParticipantMedia media, String reason) {
        end(media, reason);
        Negotiation current = conference.negotiations.get(participantId);
        if (current == null || current.media() != media) {
            return;
        }
        conference.remove(participantId);
        if (!current.published().isEmpty()) {
            askOthersToOfferAgain(conferenceId, conference, participantId);
        }
        forgetIfEmpty(conferenceId, conference);
        messages.mediaFailed(conferenceId, participantId, reason);
    }

    private void askOthersToOfferAgain(UUID conferenceId, ConferenceMedia conference, UUID changed) {
        conference.negotiations.keySet().stream().filter(other -> !other.equals(changed)).forEach(other -> {
            Receive needed = needed(tracksExcept(conference, other));
            messages.renegotiate(conferenceId, other, needed.audio(), needed.video());
        });
    }

    /** A conference whose last participant's media has ended is forgotten (under its lock); the next offer makes it anew. */
    private void forgetIfEmpty(UUID conferenceId, ConferenceMedia conference) {
        if (conference.negotiations.isEmpty()) {
            forget(conferenceId, held -> held == conference);
        }
    }

    /** Tells the watcher of a conference the map is about to hold, inside the map's update of its key. */
    private ConferenceMedia opened(UUID conferenceId, ConferenceMedia conference) {
        watcher.opened(conferenceId, () -> conference.participants, () -> conference.streams);
        return conference;
    }

    /**
     * Removes the conference the map holds under the id if it is {@code which}, and tells the watcher within the same
     * update of the key, so that a conference made anew under the same id is announced only after the old one's end.
     *
     * @return the conference removed, if any
     */
    private Optional<ConferenceMedia> forget(UUID conferenceId, Predicate<ConferenceMedia> which) {
        ConferenceMedia[] removed = new ConferenceMedia[1];
        conferences.computeIfPresent(conferenceId, (id, held) -> {
            if (!which.test(held)) {
                return held;
            }
            watcher.closed(id);
            removed[0] = held;
            return null;
        });
        return Optional.ofNullable(removed[0]);
    }

    /** Ends a participant's media connection once, and records how it ended if it had begun. */
    private void end(ParticipantMedia media, String reason) {
        if (media.end()) {
            media.keyedAt().ifPresent(since -> calls.record(
                    MediaCallEvents.ended(media.party(), reason, since, media.traffic(), clock.instant())));
        }
    }

    /**
     * A participant whose media is bound (its join token's {@code cnf}) offers that certificate or none: an offer with a
     * SHA-256 fingerprint of another is refused here; one with another hash is checked when its handshake ends.
     */
    private void requireBoundCertificate(UUID conferenceId, UUID participantId, CertificateFingerprint offered) throws SdpRefused {
        Optional<String> bound = bindings.bound(conferenceId, participantId);
        if (bound.isPresent() && offered.hash().equals(SHA_256)
                && !MessageDigest.isEqual(bound.get().getBytes(StandardCharsets.US_ASCII), thumbprint(offered).getBytes(StandardCharsets.US_ASCII))) {
            throw new SdpRefused(SdpRule.BOUND_CERTIFICATE, "this participant's media is bound to another certificate (its join token's cnf)");
        }
    }

    private static String thumbprint(CertificateFingerprint sha256) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /** No one may announce a source another participant of the conference sends: it could pass for theirs. */
    private static void requireOwnSources(ConferenceMedia conference, UUID participantId, Set<Long> sources) throws SdpRefused {
        for (Map.Entry<UUID, Negotiation> other : conference.negotiations.entrySet()) {
            if (!other.getKey().equals(participantId) && other.getValue().sources().stream().anyMatch(sources::contains)) {
                throw new SdpRefused(SdpRule.SOURCES, "a source (a=ssrc) of this offer is another participant's");
            }
        }
    }

    private static List<RemoteTrack> tracksExcept(ConferenceMedia conference, UUID participantId) {
        List<RemoteTrack> tracks = new ArrayList<>();
        conference.negotiations.forEach((participant, negotiation) -> {
            if (!participant.equals(participantId)) {
                negotiation.published().forEach(track -> tracks.add(new RemoteTrack(participant.toString(), track)));
            }
        });
        return tracks;
    }

    private static Receive needed(List<RemoteTrack> tracks) {
        int audio = (int) tracks.stream().filter(remote -> remote.track().kind().equals("audio")).count();
        return new Receive(audio, tracks.size() - audio);
    }

    private static long receivingSections(SessionDescription offer, String kind) {
        return offer.media().stream().filter(section -> section.kind().equals(kind) && !section.disabled()
                && Directions.receives(offer, section) && !Directions.sends(offer, section)).count();
    }

    private static Set<Long> sourcesOf(Collection<RemoteTrack> tracks, PayloadTypes receiver) {
        Set<Long> sources = new LinkedHashSet<>();
        for (RemoteTrack remote : tracks) {
            sources.add(remote.track().source());
            if (receiver.vp8Retransmission().isPresent()) {
                remote.track().retransmissions().ifPresent(sources::add);
            }
        }
        return sources;
    }
}
