-- An account can be disabled (and enabled again) without losing who it was: a disabled
-- account signs nobody in, and its sessions and tokens end when it is disabled.
ALTER TABLE accounts ADD COLUMN disabled_at TEXT;
