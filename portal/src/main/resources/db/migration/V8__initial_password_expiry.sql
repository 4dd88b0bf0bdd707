-- The end of a provisioned subscriber's initial password (owned by the identity module). Set at provisioning,
-- cleared when the first sign-in finishes. A PROVISIONED subscriber whose value is past or NULL cannot sign in.
ALTER TABLE subscriber ADD COLUMN initial_password_expires_at timestamptz;
