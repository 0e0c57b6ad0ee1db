package io.vestibule.calendar.feed;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarFeedsTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00.123456789Z");
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    private final TestClock clock = new TestClock(START);
    private final InMemoryCalendarFeeds repository = new InMemoryCalendarFeeds();
    private final CalendarFeeds feeds = new CalendarFeeds(repository, CryptoPolicy.standard(), new SecureRandom(), clock);

    @Test
    void aNewSubscriptionsTokenOpensItsOwnersFeed() {
        IssuedFeed alice = feeds.subscribe(ALICE);
        IssuedFeed bob = feeds.subscribe(BOB);

        assertThat(feeds.subscriber(alice.token().value())).contains(ALICE);
        assertThat(feeds.subscriber(bob.token().value())).contains(BOB);
        assertThat(alice.created()).as("in whole seconds").isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void onlyTheHashIsStored() {
        IssuedFeed issued = feeds.subscribe(ALICE);

        String stored = repository.rows.get(ALICE).tokenHash();

        assertThat(stored).isEqualTo(issued.token().hash(CryptoPolicy.standard())).isNotEqualTo(issued.token().value());
    }

    @Test
    void replacingMakesTheOldTokenWorthlessAndKeepsOneSubscription() {
        IssuedFeed first = feeds.subscribe(ALICE);
        clock.advance(Duration.ofMinutes(5));

        IssuedFeed second = feeds.subscribe(ALICE);

        assertThat(second.token().value()).isNotEqualTo(first.token().value());
        assertThat(feeds.subscriber(first.token().value())).isEmpty();
        assertThat(feeds.subscriber(second.token().value())).contains(ALICE);
        assertThat(repository.rows).hasSize(1);
        assertThat(feeds.subscribedSince(ALICE)).contains(Instant.parse("2026-12-01T09:05:00Z"));
    }

    @Test
    void revokingEndsTheSubscription() {
        IssuedFeed issued = feeds.subscribe(ALICE);

        assertThat(feeds.revoke(ALICE)).isTrue();

        assertThat(feeds.subscriber(issued.token().value())).isEmpty();
        assertThat(feeds.subscribedSince(ALICE)).isEmpty();
        assertThat(feeds.revoke(ALICE)).as("nothing left to revoke").isFalse();
    }

    @Test
    void aWellFormedTokenNeverIssuedOpensNothing() {
        feeds.subscribe(ALICE);

        assertThat(feeds.subscriber(FeedToken.issue(new SecureRandom()).value())).isEmpty();
        assertThat(repository.hashLookups).isEqualTo(1);
    }

    @Test
    void textThatIsNotATokenIsRefusedWithoutAskingTheDatabase() {
        feeds.subscribe(ALICE);

        assertThat(feeds.subscriber("not-a-token")).isEmpty();
        assertThat(feeds.subscriber("x".repeat(5000))).isEmpty();
        assertThat(feeds.subscriber(null)).isEmpty();
        assertThat(repository.hashLookups).isZero();
    }
}
