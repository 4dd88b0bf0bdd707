-- The token buckets that limit how many step-up SMS codes are sent per phone number, session and client address
-- (owned by the stepup module), kept here so that every portal node draws from the same buckets. Bucket4j reads
-- and writes the rows: state is its serialised bucket, expires_at the time in milliseconds since 1970 after which
-- the bucket has refilled completely and the row can go. The id is a SHA-256 digest of the bucket's kind, its
-- limits and the phone number, session or address it counts.
CREATE TABLE step_up_send_limit (
    id         text   PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
