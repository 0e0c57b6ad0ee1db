package io.vestibule.calendar.feed;

import java.time.Instant;

/** A subscription just made or replaced, with its token: the only time the token is known outside its owner's calendar. */
public record IssuedFeed(FeedToken token, Instant created) {
}
