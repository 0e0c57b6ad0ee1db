package io.vestibule.access.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Revocations and used single-use tokens in the memory of one node. Every entry is forgotten once the tokens it
 * concerns have expired (skew included), so memory is bounded by the tokens alive, not by time. Only tokens with a
 * valid signature ever reach it.
 *
 * <p>In a cluster each node knows only what it was told: a token released or used on one node is still good on
 * another. Clusters need a shared implementation; this one is for tests and a single node.
 */
public final class InMemoryTokenRevocations implements TokenRevocations {
    private final Clock clock;
    private final Duration skew;
    /** How long a participant or conference revocation matters: until the last join or lobby token it voids expires. */
    private final Duration sessionRetention;

    private final Forgetful<Instant> released = new Forgetful<>();
    private final Forgetful<Instant> consumed = new Forgetful<>();
    private final Forgetful<Instant> removedParticipants = new Forgetful<>();
    private final Forgetful<Instant> endedConferences = new Forgetful<>();

    public InMemoryTokenRevocations(TokenSettings settings, Clock clock) {
        this.clock = clock;
        this.skew = settings.allowedClockSkew();
        Duration longest = settings.joinLifetime().compareTo(settings.lobbyLifetime()) > 0
                ? settings.joinLifetime() : settings.lobbyLifetime();
        this.sessionRetention = longest.plus(skew);
    }

    @Override
    public synchronized boolean isRevoked(TokenClaims claims) {
        forgetExpired();
        if (released.get(claims.tokenId()) != null) {
            return true;
        }
        if (claims.kind() == TokenKind.INVITATION) {
            return false;
        }
        return issuedBy(claims, removedParticipants.get(participantKey(claims.conferenceId(), claims.participantId())))
                || issuedBy(claims, endedConferences.get(claims.conferenceId()));
    }

    @Override
    public synchronized boolean consumeOnce(String tokenId, Instant keepUntil) {
        forgetExpired();
        if (consumed.get(tokenId) != null) {
            return false;
        }
        consumed.put(tokenId, keepUntil, keepUntil);
        return true;
    }

    @Override
    public synchronized boolean isConsumed(String tokenId) {
        forgetExpired();
        return consumed.get(tokenId) != null;
    }

    @Override
    public synchronized void release(TokenClaims claims) {
        forgetExpired();
        Instant expired = claims.expiresAt().plus(skew);
        released.put(claims.tokenId(), expired, expired);
    }

    @Override
    public synchronized void removeParticipant(String conferenceId, String participantId) {
        forgetExpired();
        Instant now = clock.instant();
        removedParticipants.put(participantKey(conferenceId, participantId), now, now.plus(sessionRetention));
    }

    @Override
    public synchronized void endConference(String conferenceId) {
        forgetExpired();
        Instant now = clock.instant();
        endedConferences.put(conferenceId, now, now.plus(sessionRetention));
    }

    /** How many entries are remembered, for tests of the memory bound. */
    synchronized int size() {
        forgetExpired();
        return released.size() + consumed.size() + removedParticipants.size() + endedConferences.size();
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        released.forgetUntil(now);
        consumed.forgetUntil(now);
        removedParticipants.forgetUntil(now);
        endedConferences.forgetUntil(now);
    }

    /** True when the token was issued at or before the revocation (compared in whole seconds, like {@code iat}). */
    private static boolean issuedBy(TokenClaims claims, Instant revokedAt) {
        return revokedAt != null && !claims.issuedAt().isAfter(revokedAt);
    }

    private static String participantKey(String conferenceId, String participantId) {
        return conferenceId.length() + ":" + conferenceId + "/" + participantId;
    }

    /** A map whose entries leave in order of their forget time; a later put of a key replaces the earlier one. */
    private static final class Forgetful<V> {
        private final Map<String, Entry<V>> entries = new HashMap<>();
        private final PriorityQueue<Entry<V>> byForgetTime = new PriorityQueue<>(Comparator.comparing(Entry::forgetAt));

        V get(String key) {
            Entry<V> entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        void put(String key, V value, Instant forgetAt) {
            Entry<V> entry = new Entry<>(key, value, forgetAt);
            Entry<V> previous = entries.put(key, entry);
            if (previous != null) {
                byForgetTime.remove(previous);
            }
            byForgetTime.add(entry);
        }

        void forgetUntil(Instant now) {
            while (!byForgetTime.isEmpty() && !byForgetTime.peek().forgetAt().isAfter(now)) {
                Entry<V> oldest = byForgetTime.poll();
                entries.remove(oldest.key(), oldest);
            }
        }

        int size() {
            return entries.size();
        }

        private record Entry<V>(String key, V value, Instant forgetAt) {
        }
    }
}
