-- When a registration was reminded of its event the day before (docs/festival.md): the
-- reminder job writes it in the same transaction as it queues the mail, so nobody is
-- reminded twice.
ALTER TABLE festival_registrations ADD COLUMN reminded_at TEXT;
