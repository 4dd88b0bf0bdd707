-- Abnormal-behaviour monitoring (owned by the monitoring module).

-- The order, subscription and code-request events the detectors count in their sliding windows. Rows older than
-- the longest window plus the longest history are deleted by a scheduled job, so the table holds days, not years.
-- No foreign key to subscriber: the rows come from events and are only ever counted.
CREATE TABLE monitoring_event (
    id            bigserial   PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('ORDER_PLACED', 'ORDER_PAYMENT_REQUESTED', 'ORDER_PAID',
                                                       'ORDER_CANCELLED', 'ORDER_EXPIRED', 'SUBSCRIBED',
                                                       'UNSUBSCRIBED', 'CODE_REQUESTED')),
    subscriber_id bigint      NOT NULL,
    service_code  text        CHECK (length(service_code) BETWEEN 1 AND 40),
    order_number  text        CHECK (length(order_number) BETWEEN 1 AND 40),
    occurred_at   timestamptz NOT NULL
);

-- Window counts per subscriber and kind, per service and kind, the steps of one order, and the pruning job.
CREATE INDEX monitoring_event_subscriber ON monitoring_event (subscriber_id, kind, occurred_at);
CREATE INDEX monitoring_event_service ON monitoring_event (service_code, kind, occurred_at)
    WHERE service_code IS NOT NULL;
CREATE INDEX monitoring_event_order ON monitoring_event (order_number) WHERE order_number IS NOT NULL;
CREATE INDEX monitoring_event_occurred ON monitoring_event (occurred_at);

-- One detection. At most one alert per detector and subscriber (or per detector and service, for service-wide
-- alerts) is open at a time: a repeat of the pattern while it is open escalates it instead of adding another.
CREATE TABLE monitoring_alert (
    id            bigserial   PRIMARY KEY,
    detector      text        NOT NULL CHECK (detector ~ '^[a-z-]{1,40}$'),
    severity      text        NOT NULL CHECK (severity IN ('WARNING', 'SEVERE')),
    subscriber_id bigint      REFERENCES subscriber (id),
    service_code  text        CHECK (length(service_code) BETWEEN 1 AND 40),
    summary       text        NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
    raised_at     timestamptz NOT NULL,
    resolved_at   timestamptz,
    resolved_by   text        CHECK (length(resolved_by) BETWEEN 1 AND 100),
    resolution    text        CHECK (length(resolution) BETWEEN 1 AND 500),
    CHECK (subscriber_id IS NOT NULL OR service_code IS NOT NULL),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);

CREATE UNIQUE INDEX monitoring_alert_open_subscriber ON monitoring_alert (detector, subscriber_id)
    WHERE resolved_at IS NULL AND subscriber_id IS NOT NULL;
CREATE UNIQUE INDEX monitoring_alert_open_service ON monitoring_alert (detector, service_code)
    WHERE resolved_at IS NULL AND subscriber_id IS NULL;
CREATE INDEX monitoring_alert_raised ON monitoring_alert (raised_at DESC, id DESC);
CREATE INDEX monitoring_alert_for_subscriber ON monitoring_alert (subscriber_id, raised_at DESC)
    WHERE subscriber_id IS NOT NULL;

-- The risk flag per subscriber, read on every payment and subscription change. The subscriber is blocked while
-- blocked_until is ahead and at risk while risk_until is ahead; risk_until is never before blocked_until, so a
-- block always ends in a period at risk. alert_id is the latest alert that raised or extended the flag.
CREATE TABLE risk_flag (
    subscriber_id bigint      PRIMARY KEY REFERENCES subscriber (id),
    blocked_until timestamptz,
    risk_until    timestamptz NOT NULL,
    alert_id      bigint      NOT NULL REFERENCES monitoring_alert (id),
    CHECK (blocked_until IS NULL OR blocked_until <= risk_until)
);

CREATE INDEX risk_flag_risk_until ON risk_flag (risk_until);
