-- A worker's answer to a planned occurrence of a task: coming (yes) or not (no). Only the
-- current answer matters to whoever plans, so a new answer replaces the old one.
CREATE TABLE task_replies (
    task_id BIGINT NOT NULL REFERENCES tasks (id),
    occurrence TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id),
    reply TEXT NOT NULL CHECK (reply IN ('yes', 'no')),
    at TEXT NOT NULL,
    PRIMARY KEY (task_id, occurrence, person_id)
);
CREATE INDEX task_replies_person ON task_replies (person_id, occurrence);

-- A worker's private calendar feed: one per person, found by its token. Only a SHA-256 of
-- the token is kept, so a copy of the database does not show anyone's calendar; a new
-- token replaces the row, and the old address stops working.
CREATE TABLE calendar_feeds (
    person_id BIGINT PRIMARY KEY REFERENCES people (id),
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX calendar_feeds_token ON calendar_feeds (token_hash);
