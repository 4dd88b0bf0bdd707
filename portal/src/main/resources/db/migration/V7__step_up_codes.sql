-- One-time SMS codes of second authentication (owned by the stepup module). A code is bound to a subscriber, a
-- session and a purpose, where the session is named by a random binding id kept in it. A new code replaces the
-- previous one for the same three. Only an HMAC of the code is stored, under a key kept outside the database.
CREATE TABLE step_up_code (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id   bigint      NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    session_binding text        NOT NULL CHECK (length(session_binding) BETWEEN 16 AND 64),
    purpose         text        NOT NULL CHECK (length(purpose) BETWEEN 1 AND 40),
    code_hash       bytea       NOT NULL,
    expires_at      timestamptz NOT NULL,
    -- wrong entries of this code; the third makes it unusable
    failed_entries  integer     NOT NULL CHECK (failed_entries >= 0),
    used_at         timestamptz,
    created_at      timestamptz NOT NULL,
    UNIQUE (subscriber_id, session_binding, purpose)
);

-- Expired codes are deleted whenever a code is sent.
CREATE INDEX step_up_code_expires_at ON step_up_code (expires_at);
