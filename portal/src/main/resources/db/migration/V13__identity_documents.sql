-- Identity documents that subscribers upload for SIM cards (owned by the purchase module). A row exists only
-- for a document that passed the virus scan and the content checks. The file itself is in the data folder,
-- encrypted with the keystore entry doc-<key_id>, under a random storage name; it is never served back.
CREATE TABLE identity_document (
    id             uuid        PRIMARY KEY,
    subscriber_id  bigint      NOT NULL REFERENCES subscriber (id),
    media_type     text        NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    -- size in bytes of the stored plaintext: the re-encoded picture or the PDF as uploaded
    size_bytes     bigint      NOT NULL CHECK (size_bytes > 0),
    sha256         bytea       NOT NULL CHECK (length(sha256) = 32),
    storage_name   text        NOT NULL UNIQUE CHECK (storage_name ~ '^[0-9a-f]{32}$'),
    key_id         text        NOT NULL CHECK (key_id ~ '^[a-z0-9-]{1,32}$'),
    -- ACCEPTED: checked and free; ATTACHED: used by the order in order_id
    status         text        NOT NULL CHECK (status IN ('ACCEPTED', 'ATTACHED')),
    order_id       bigint,
    created_at     timestamptz NOT NULL,
    CHECK ((status = 'ATTACHED') = (order_id IS NOT NULL))
);

CREATE INDEX identity_document_subscriber ON identity_document (subscriber_id, created_at DESC);
