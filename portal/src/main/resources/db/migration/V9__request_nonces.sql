-- Nonces of signed API requests (owned by the integrity module). A nonce may be used once per session key; the
-- primary key makes a second insert of the same pair do nothing, which is how a replayed request is found. Rows
-- are kept for twice the request window and then deleted on a schedule.
CREATE TABLE request_nonce (
    session_key_id text        NOT NULL CHECK (length(session_key_id) BETWEEN 16 AND 64),
    nonce          text        NOT NULL CHECK (length(nonce) BETWEEN 16 AND 64),
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (session_key_id, nonce)
);

CREATE INDEX request_nonce_expires_at ON request_nonce (expires_at);
