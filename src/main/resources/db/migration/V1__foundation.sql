-- Vestibule's first schema: accounts, data keys, rooms and booked meetings.
-- Written once for both PostgreSQL and H2 (which runs in PostgreSQL mode).

CREATE TABLE user_account (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    issuer           VARCHAR(255) NOT NULL,
    subject          VARCHAR(255) NOT NULL,
    username         VARCHAR(255) NOT NULL,
    display_name     VARCHAR(255) NOT NULL,
    email            VARCHAR(320),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_user_account_identity UNIQUE (issuer, subject)
);

-- Data keys, each wrapped by a key-encryption key of the master key store (kek_alias).
CREATE SEQUENCE data_key_id_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE data_key (
    id            INTEGER      NOT NULL PRIMARY KEY,
    purpose       VARCHAR(40)  NOT NULL,
    kek_alias     VARCHAR(40)  NOT NULL,
    wrapped_key   BYTEA        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_data_key_purpose ON data_key (purpose, id);

CREATE TABLE room (
    id                    VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner_id              VARCHAR(36)  NOT NULL REFERENCES user_account (id),
    room_kind             VARCHAR(16)  NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    room_type             VARCHAR(32)  NOT NULL,
    host_pin_sealed       BYTEA        NOT NULL,
    guest_pin_sealed      BYTEA,
    guests_wait_for_host  BOOLEAN      NOT NULL,
    participant_limit     INTEGER      NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               INTEGER      NOT NULL
);
CREATE INDEX ix_room_owner ON room (owner_id, room_kind);

CREATE TABLE room_alias (
    alias       VARCHAR(100) NOT NULL PRIMARY KEY,
    room_id     VARCHAR(36)  NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    alias_kind  VARCHAR(16)  NOT NULL
);
CREATE INDEX ix_room_alias_room ON room_alias (room_id);

CREATE TABLE meeting (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner_id       VARCHAR(36)  NOT NULL REFERENCES user_account (id),
    room_id        VARCHAR(36)  NOT NULL REFERENCES room (id),
    title          VARCHAR(200) NOT NULL,
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    time_zone      VARCHAR(64)  NOT NULL,
    recurrence     VARCHAR(500),
    status         VARCHAR(16)  NOT NULL,
    ics_uid        VARCHAR(255) NOT NULL,
    ics_sequence   INTEGER      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_at   TIMESTAMP WITH TIME ZONE,
    version        INTEGER      NOT NULL,
    CONSTRAINT uq_meeting_ics_uid UNIQUE (ics_uid)
);
CREATE INDEX ix_meeting_owner ON meeting (owner_id, starts_at);
CREATE INDEX ix_meeting_room ON meeting (room_id);

CREATE TABLE meeting_invitee (
    meeting_id  VARCHAR(36)  NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position    INTEGER      NOT NULL,
    email       VARCHAR(320) NOT NULL,
    PRIMARY KEY (meeting_id, position)
);
