-- The SMS consent ledger is evidence: rows are added, never changed or removed.
CREATE TRIGGER `sms_consent_events_no_update` BEFORE UPDATE ON `sms_consent_events`
BEGIN
  SELECT RAISE(ABORT, 'sms_consent_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `sms_consent_events_no_delete` BEFORE DELETE ON `sms_consent_events`
BEGIN
  SELECT RAISE(ABORT, 'sms_consent_events is append-only');
END;
