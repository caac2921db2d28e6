-- A session's token hash can never be empty. In PostgreSQL a primary key column is
-- NOT NULL already, so this only says so; the SQLite twin of this migration rebuilds
-- its sessions table to get there.
ALTER TABLE sessions ALTER COLUMN token_hash SET NOT NULL;
