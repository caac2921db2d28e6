-- A person's functional limits carry a version like other records: an update names the
-- version it read, so two coordinators never overwrite each other's change unseen. No
-- row is version 0; each change adds one.
ALTER TABLE functional_limits ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
