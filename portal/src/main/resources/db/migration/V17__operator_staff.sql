-- Staff accounts of the operator console (owned by the operator module). A member of staff signs in with a
-- username, a password and a TOTP code. The TOTP secret is stored encrypted with AES-GCM; totp_key_id names the
-- key, so a new key can take over while older secrets stay readable.
CREATE TABLE staff_account (
    id               bigserial   PRIMARY KEY,
    username         text        NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{2,31}$'),
    password_hash    text        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('SUPPORT', 'CATALOGUE_MANAGER', 'AUDITOR', 'ADMINISTRATOR')),
    totp_secret      bytea       NOT NULL,
    totp_key_id      text        NOT NULL,
    -- the last 30-second time step whose code signed in; a code of this step or an earlier one is refused
    totp_last_step   bigint      NOT NULL DEFAULT 0,
    enabled          boolean     NOT NULL DEFAULT true,
    -- sign-in attempts begun since the last success, the last expired lock or the last quiet period
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    locked_until     timestamptz,
    last_attempt_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       text        NOT NULL
);

-- The console's dashboard counts security events of one kind per hour over the last days.
CREATE INDEX security_event_by_type ON security_event (type, occurred_at);
