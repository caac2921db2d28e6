-- E-mail to send: written in the same breath as the change it tells of, sent later by the
-- mail job. The message is a structured value (JSON) that the sender words in the
-- recipient's language. A message is marked sent before it is handed to the server, so
-- nobody gets it twice; a hand-over that fails is kept in failed.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    language TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    failed TEXT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

-- Who a plan's changes were told to: one row per person or company with a change, with
-- the message that told them, or none when they have no e-mail address.
CREATE TABLE plan_notices (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    person_id INTEGER,
    company_id INTEGER,
    outbox_id INTEGER REFERENCES outbox (id)
);
CREATE INDEX plan_notices_plan ON plan_notices (plan_id);

-- Work that runs in the background: sending mail, automatic confirmation, purging ended
-- sessions, and later features' jobs. A job is due from run_at; one server takes it
-- (on PostgreSQL with FOR UPDATE SKIP LOCKED) and marks it running, then done or failed.
-- A recurring job (every_seconds) is followed by its next run; only one of each kind is
-- ever due or running.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    run_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'running', 'done', 'failed')),
    every_seconds INTEGER,
    taken_by TEXT,
    taken_at TEXT,
    finished_at TEXT,
    error TEXT
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE UNIQUE INDEX jobs_one_recurring ON jobs (kind)
    WHERE every_seconds IS NOT NULL AND status IN ('due', 'running');

-- A password reset link: only its token's SHA-256 is kept; it works once, until expires_at.
CREATE TABLE password_resets (
    token_hash TEXT NOT NULL PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX password_resets_account ON password_resets (account_id);
