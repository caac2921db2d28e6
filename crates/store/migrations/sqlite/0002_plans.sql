-- Weekly plans from the staffing engine: who does which occurrence of a task when,
-- what was left unassigned and why, and for a re-plan what moved.

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL,
    replan_of INTEGER REFERENCES plans (id),
    objective_total TEXT NOT NULL,
    work_minutes INTEGER NOT NULL,
    fairness INTEGER NOT NULL,
    continuity INTEGER NOT NULL,
    travel_minutes INTEGER NOT NULL,
    iterations INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX plans_week ON plans (week);

CREATE TABLE plan_assignments (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    occurrence TEXT NOT NULL,
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id)
);
CREATE INDEX plan_assignments_plan ON plan_assignments (plan_id);
CREATE INDEX plan_assignments_person ON plan_assignments (person_id);

CREATE TABLE plan_unassigned (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    occurrence TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX plan_unassigned_plan ON plan_unassigned (plan_id);

CREATE TABLE plan_moves (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    occurrence TEXT NOT NULL,
    change TEXT NOT NULL
);
CREATE INDEX plan_moves_plan ON plan_moves (plan_id);
