-- Calendar subscription feeds: one per user, known by the SHA-256 (hexadecimal) of its token; the token itself is
-- never stored. Deleting the row revokes the feed.
CREATE TABLE calendar_feed (
    owner_id    VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES user_account (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     INTEGER      NOT NULL,
    CONSTRAINT uq_calendar_feed_token_hash UNIQUE (token_hash)
);
