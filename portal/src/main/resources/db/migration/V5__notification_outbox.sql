-- The notification outbox (owned by the notification module). A row is written in the transaction of the change it
-- reports and delivered later, so a notification goes out if and only if that change commits.
CREATE TABLE notification (
    id              bigserial   PRIMARY KEY,
    channel         text        NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    -- E.164 number for SMS, e-mail address for EMAIL
    recipient       text        NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
    subject         text,
    -- NULL once a confidential notification (a one-time code, an initial password) has been delivered
    body            text,
    confidential    boolean     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    last_error      text
);

CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_recipient ON notification (recipient, created_at);
