-- Every status a person has had, with when: the job centre asks for status changes.
CREATE TABLE person_status_changes (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX person_status_changes_person ON person_status_changes (person_id);
-- The people already stored start their history with their current status.
INSERT INTO person_status_changes (person_id, status, changed_at) SELECT id, status, updated_at FROM people;
