-- Sign-in: one account per user, with a role; a worker's account names their person, a
-- company contact's their company. Passwords are stored only as Argon2id hashes.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'worker', 'company', 'driver')),
    person_id INTEGER REFERENCES people (id),
    company_id INTEGER REFERENCES companies (id),
    language TEXT NOT NULL DEFAULT 'da',
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);

-- A signed-in browser or an API token. Only a SHA-256 of the token is kept, so a copy
-- of the database does not sign anyone in; csrf is the session's form token.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('browser', 'api')),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Every sign-in attempt, for the rate limit and for whoever looks into a break-in.
CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    at TEXT NOT NULL,
    succeeded INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, at);
