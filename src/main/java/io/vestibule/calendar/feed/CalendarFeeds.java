package io.vestibule.calendar.feed;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Users' calendar subscriptions: made or replaced, asked about, revoked, and found by a presented token. A token is
 * looked up by its hash, so no comparison of secrets happens here: the database compares hashes, which tell an
 * attacker nothing about a working token.
 */
@ApplicationScoped
@Transactional
public class CalendarFeeds {
    private CalendarFeedRepository feeds;
    private CryptoPolicy policy;
    private SecureRandom random;
    private Clock clock;

    @Inject
    public CalendarFeeds(CalendarFeedRepository feeds, CryptoPolicy policy, SecureRandom random, Clock clock) {
        this.feeds = feeds;
        this.policy = policy;
        this.random = random;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected CalendarFeeds() {
    }

    /** A new subscription for the user, replacing any they had: the old address stops working. */
    public IssuedFeed subscribe(UUID ownerId) {
        FeedToken token = FeedToken.issue(random);
        // Whole seconds: the time is told back as made, and a database keeps no finer (PostgreSQL: microseconds).
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<CalendarFeed> existing = feeds.ofOwner(ownerId);
        if (existing.isPresent()) {
            existing.get().replaceToken(token.hash(policy), now);
        } else {
            feeds.add(new CalendarFeed(ownerId, token.hash(policy), now));
        }
        return new IssuedFeed(token, now);
    }

    /** When the user's current subscription was made, if they have one; its token is never told again. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Instant> subscribedSince(UUID ownerId) {
        return feeds.ofOwner(ownerId).map(CalendarFeed::createdAt);
    }

    /** Ends the user's subscription; true when there was one. */
    public boolean revoke(UUID ownerId) {
        Optional<CalendarFeed> existing = feeds.ofOwner(ownerId);
        existing.ifPresent(feeds::remove);
        return existing.isPresent();
    }

    /**
     * Whose subscription a presented token opens: nobody for a token never issued, replaced or revoked, and, without
     * asking the database, for text that is not a token at all.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UUID> subscriber(String presented) {
        return FeedToken.parse(presented)
                .flatMap(token -> feeds.withTokenHash(token.hash(policy)))
                .map(CalendarFeed::ownerId);
    }
}
