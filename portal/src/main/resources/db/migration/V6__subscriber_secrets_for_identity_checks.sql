-- Secrets and purchase data that prove who a subscriber is beyond the sign-in password (owned by the identity
-- module). The service password is a second secret for second authentication; the contact e-mail and the last
-- characters of the identity document number, given at purchase, verify identity at the first sign-in.
ALTER TABLE subscriber
    ADD COLUMN service_password_hash         text,
    ADD COLUMN contact_email                 text CHECK (length(contact_email) BETWEEN 3 AND 254),
    ADD COLUMN identity_document_digits_hash text;

-- PROVISIONED: created by the operator with an initial password; the first sign-in has not finished yet.
ALTER TABLE subscriber DROP CONSTRAINT subscriber_status_check;
ALTER TABLE subscriber ADD CONSTRAINT subscriber_status_check
    CHECK (status IN ('PROVISIONED', 'ACTIVE', 'SUSPENDED', 'CLOSED'));
