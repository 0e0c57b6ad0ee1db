-- Call detail records (R-CDR): sealed records with keyed blind indexes and a hash chain, signed checkpoints, and one
-- wrapped data key per day (destroyed when the day passes out of retention).

CREATE SEQUENCE cdr_day_key_id_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE cdr_day_key (
    id            INTEGER      NOT NULL PRIMARY KEY,
    key_day       DATE         NOT NULL,
    kek_alias     VARCHAR(100) NOT NULL,
    wrapped_key   BYTEA,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    destroyed_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_cdr_day_key_day UNIQUE (key_day)
);

CREATE TABLE call_record (
    seq                BIGINT       NOT NULL PRIMARY KEY,
    occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id             INTEGER      NOT NULL,
    ciphertext         BYTEA        NOT NULL,
    room_index         VARCHAR(32)  NOT NULL,
    participant_index  VARCHAR(32)  NOT NULL,
    name_index         VARCHAR(32)  NOT NULL,
    outcome_index      VARCHAR(32)  NOT NULL,
    chain_hash         BYTEA        NOT NULL
);
CREATE INDEX ix_call_record_time ON call_record (occurred_at);
CREATE INDEX ix_call_record_room ON call_record (room_index, occurred_at);
CREATE INDEX ix_call_record_participant ON call_record (participant_index, occurred_at);
CREATE INDEX ix_call_record_name ON call_record (name_index, occurred_at);
CREATE INDEX ix_call_record_outcome ON call_record (outcome_index, occurred_at);

CREATE TABLE cdr_checkpoint (
    kind        VARCHAR(16)  NOT NULL,
    seq         BIGINT       NOT NULL,
    chain_hash  BYTEA        NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    signature   BYTEA        NOT NULL,
    PRIMARY KEY (seq, kind)
);
