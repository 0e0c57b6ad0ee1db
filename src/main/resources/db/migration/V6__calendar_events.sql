-- Calendar events (the Outlook add-in and other calendars) and the meeting each holds. The event's key is kept only
-- as its SHA-256 hash; one organizer's key names one event, so (organizer, key) is unique: the constraint, not a
-- lock, settles two first calls for the same event.
CREATE TABLE calendar_event (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    organizer_id  VARCHAR(36)  NOT NULL REFERENCES user_account (id),
    key_hash      VARCHAR(64)  NOT NULL,
    meeting_id    VARCHAR(36)  NOT NULL REFERENCES meeting (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       INTEGER      NOT NULL,
    CONSTRAINT uq_calendar_event_key UNIQUE (organizer_id, key_hash)
);
CREATE INDEX ix_calendar_event_meeting ON calendar_event (meeting_id);
