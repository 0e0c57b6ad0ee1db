package io.vestibule.calendar.feed;

import java.time.Duration;

/** The answer to a feed fetch: the calendar, nothing (unknown, revoked and malformed tokens alike), or a blocked address. */
public sealed interface FeedAnswer {
    record Found(String calendar) implements FeedAnswer {
    }

    record NotFound() implements FeedAnswer {
    }

    /** The address made too many fetches with unknown tokens; {@code retryAfter} in whole seconds. */
    record Blocked(Duration retryAfter) implements FeedAnswer {
    }
}
