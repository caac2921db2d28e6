-- A session's token hash can never be empty. SQLite, unlike PostgreSQL, lets a TEXT
-- PRIMARY KEY hold NULL unless the column says NOT NULL, and 0006 did not say so; the
-- table is rebuilt with it (SQLite cannot add NOT NULL to a column in place). A row
-- without a token could open nothing and is not copied. Nothing refers to sessions.
CREATE TABLE sessions_new (
    token_hash TEXT NOT NULL PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('browser', 'api')),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
INSERT INTO sessions_new (token_hash, account_id, kind, csrf, created_at, expires_at)
SELECT token_hash, account_id, kind, csrf, created_at, expires_at FROM sessions
WHERE token_hash IS NOT NULL;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_account ON sessions (account_id);
