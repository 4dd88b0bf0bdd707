-- The notification outbox (owned by the notification module). A row is written in the transaction of the change it
-- reports and delivered later, so a notification goes out if and only if that change commits.
CREATE TABLE notification (
    id              bigserial   PRIMARY KEY,
    channel         text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    -- E.164 number for SMS, e-mail address for EMAIL
    recipient       text        NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
    subject         text,
    -- NULL once a confidential notification (a one-time code, an initial password) is SENT or FAILED
    body            text,
    confidential    boolean     NOT NULL,
    -- PENDING waits for next_attempt_at; SENDING is claimed by one portal node until lease_until; SENT and FAILED
    -- are final
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    -- delivery attempts started, counted when a node claims the row
    attempts        integer     NOT NULL CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    failed_at       timestamptz,
    -- the reason of the last failed attempt, in plain words; never the body
    last_error      text,
    CHECK ((status = 'SENDING') = (lease_until IS NOT NULL))
);

CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_lease ON notification (lease_until) WHERE status = 'SENDING';
CREATE INDEX notification_recipient ON notification (recipient, created_at);

-- The SMSC message id of each submit_sm of a sent SMS, one row per part of a concatenated message.
CREATE TABLE notification_part (
    notification_id bigint  NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    part_number     integer NOT NULL CHECK (part_number >= 1),
    smsc_message_id text    NOT NULL CHECK (length(smsc_message_id) BETWEEN 1 AND 65),
    PRIMARY KEY (notification_id, part_number)
);

CREATE INDEX notification_part_message_id ON notification_part (smsc_message_id);

-- Delivery receipts from the SMSC, by the message id of the part they report on. They are kept apart from
-- notification_part because a receipt may arrive before the node that submitted the part has stored its id.
CREATE TABLE notification_receipt (
    smsc_message_id text        PRIMARY KEY CHECK (length(smsc_message_id) BETWEEN 1 AND 65),
    -- the receipt's stat field: DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD or ENROUTE
    state           text        NOT NULL CHECK (length(state) BETWEEN 1 AND 7),
    error_code      text        CHECK (length(error_code) <= 3),
    received_at     timestamptz NOT NULL
);
