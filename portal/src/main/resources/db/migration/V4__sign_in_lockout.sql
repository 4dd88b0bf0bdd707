-- Sign-in attempts per identifier (owned by the identity module). The identifier is the E.164 number when the
-- typed text is a phone number, else the typed text lowercased and trimmed, so unknown numbers and other text lock
-- the same way as real subscribers' numbers. Rows exist for identifiers that match no subscriber, so there is no foreign key.
CREATE TABLE sign_in_lockout (
    identifier      text        PRIMARY KEY CHECK (length(identifier) BETWEEN 1 AND 80),
    -- attempts begun since the last successful sign-in, the last expired lock or the last quiet period
    attempts        integer     NOT NULL CHECK (attempts >= 0),
    locked_until    timestamptz,
    last_attempt_at timestamptz NOT NULL
);

-- NOTE: rows are never deleted yet. A purge of rows whose last attempt is older than a day would bound the table.
