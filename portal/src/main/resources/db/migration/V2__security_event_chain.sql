-- The security event log (owned by the audit module). Each row carries the HMAC-SHA256 of its fields and of
-- the previous row's hash, so editing, deleting or inserting a row breaks the chain. The first row's
-- previous_hash is 64 zeros. Rows are appended in id order while the head row below is locked.
CREATE TABLE security_event (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    type           text        NOT NULL,
    subscriber_id  bigint,
    identifier     text,
    client_address text,
    outcome        text        NOT NULL,
    reason         text,
    previous_hash  text        NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    hash           text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX security_event_by_subscriber ON security_event (subscriber_id, occurred_at DESC)
    WHERE subscriber_id IS NOT NULL;

-- The end of the chain, one row. Appends lock it with SELECT ... FOR UPDATE, so two transactions never chain
-- after the same row. key_check is the HMAC of a fixed text under the chain key, written by the first append,
-- so a replaced or lost key is reported as such instead of as an edited first row.
CREATE TABLE security_event_head (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_event_id bigint,
    last_hash     text    NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$'),
    key_check     text
);

INSERT INTO security_event_head (last_event_id, last_hash, key_check) VALUES (NULL, repeat('0', 64), NULL);
