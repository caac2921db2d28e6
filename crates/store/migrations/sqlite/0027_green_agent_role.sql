-- no-transaction
-- The green agents' role (communities, and the Sustainability Festival: docs/festival.md).
-- SQLite cannot change a CHECK in place, so accounts is rebuilt as its documentation
-- says: foreign keys off, the new table filled and renamed in one transaction, then on
-- again. Sessions and reset links keep referring to accounts by name.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE accounts_new (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'worker', 'company', 'driver', 'editor', 'green_agent')),
    person_id INTEGER REFERENCES people (id),
    company_id INTEGER REFERENCES companies (id),
    language TEXT NOT NULL DEFAULT 'da',
    created_at TEXT NOT NULL,
    disabled_at TEXT
);
INSERT INTO accounts_new (id, email, password_hash, role, person_id, company_id, language, created_at, disabled_at)
SELECT id, email, password_hash, role, person_id, company_id, language, created_at, disabled_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
CREATE UNIQUE INDEX accounts_email ON accounts (email);
COMMIT;
PRAGMA foreign_keys = ON;
