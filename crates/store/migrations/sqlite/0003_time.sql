-- Time registration: what was worked on each planned occurrence of a task, or why not.
-- A row is never edited once confirmed: a correction is a new row that names the row it
-- corrects. Check-out closes an open row (ended_at was empty); confirmation stamps it.

CREATE TABLE time_entries (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    occurrence TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    minutes INTEGER,
    reason TEXT,
    told TEXT,
    corrects INTEGER REFERENCES time_entries (id),
    confirmed_at TEXT,
    confirmed_by TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX time_entries_task ON time_entries (task_id, occurrence);
CREATE INDEX time_entries_person ON time_entries (person_id);
-- One correction per row: a second one must correct the correction.
CREATE UNIQUE INDEX time_entries_corrects ON time_entries (corrects);
