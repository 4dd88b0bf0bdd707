-- Spring Modulith's event publication registry: the transactional outbox of application events. A publication is
-- written in the transaction that publishes the event, one row per listener, and deleted once its listener has
-- run, so events that must not be lost (a payment, a subscription change, an alert) survive a crash between the
-- commit and the listener. Layout of the library's version 2 schema.
CREATE TABLE event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamptz
);

CREATE INDEX event_publication_serialized_event_hash ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_completion_date ON event_publication (completion_date);
