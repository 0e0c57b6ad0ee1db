package io.vestibule.access.token;

import java.time.Duration;

/** How long a token of each kind is issued for, asked at each issue. */
@FunctionalInterface
public interface TokenLifetimes {
    Duration of(TokenKind kind);
}
