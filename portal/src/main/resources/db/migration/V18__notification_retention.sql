-- Finished notifications and delivery receipts are deleted once they are older than the retention period
-- (selfcare.notification.retention). These indexes let the hourly purge find them without reading the tables.
CREATE INDEX notification_finished ON notification (created_at) WHERE status IN ('SENT', 'FAILED');
CREATE INDEX notification_receipt_received ON notification_receipt (received_at);
