-- The agency's core records. Types are limited to INTEGER, REAL and TEXT so the
-- portable query layer reads them the same way as PostgreSQL's BIGINT, DOUBLE PRECISION
-- and TEXT. Times are UTC ISO 8601 text ('2026-12-01T08:00:00Z'), which sorts by time.

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    address TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    status TEXT NOT NULL,
    leave_outcome TEXT,
    employment_form TEXT NOT NULL,
    flex_approved_minutes INTEGER,
    weekly_target_minutes INTEGER NOT NULL,
    weekly_cap_minutes INTEGER NOT NULL,
    availability TEXT NOT NULL,
    absences TEXT NOT NULL,
    skills TEXT NOT NULL,
    languages TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX people_email ON people (email) WHERE deleted_at IS NULL;
CREATE INDEX people_status ON people (status);

-- Health-related (GDPR art. 9): kept apart so every read goes through one logged path.
CREATE TABLE functional_limits (
    person_id INTEGER PRIMARY KEY REFERENCES people (id),
    max_lift_kg INTEGER,
    max_stretch_minutes INTEGER,
    indoor_only INTEGER NOT NULL,
    not_before TEXT,
    needs_colleague INTEGER NOT NULL,
    max_travel_minutes INTEGER,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE limit_reads (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    read_by TEXT NOT NULL,
    purpose TEXT NOT NULL,
    read_at TEXT NOT NULL
);
CREATE INDEX limit_reads_person ON limit_reads (person_id);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    name TEXT NOT NULL,
    cvr TEXT NOT NULL,
    billing_email TEXT NOT NULL,
    einvoice_address TEXT,
    task_force INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX companies_cvr ON companies (cvr) WHERE deleted_at IS NULL;

CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    p_number TEXT NOT NULL,
    address TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    UNIQUE (company_id, p_number)
);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    role TEXT NOT NULL
);

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    task_type TEXT NOT NULL,
    price_per_hour_ore INTEGER NOT NULL,
    wage_per_hour_ore INTEGER NOT NULL,
    min_billable_minutes INTEGER NOT NULL,
    invoicing_period TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX agreements_company_task_type ON agreements (company_id, task_type) WHERE deleted_at IS NULL;

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    site_id INTEGER NOT NULL REFERENCES sites (id),
    task_type TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    lift_kg INTEGER NOT NULL,
    standing INTEGER NOT NULL,
    outdoors INTEGER NOT NULL,
    required_skills TEXT NOT NULL,
    people_needed INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    fixed_start TEXT,
    window_start TEXT,
    window_end TEXT,
    recurrence TEXT,
    span_start TEXT NOT NULL,
    span_end TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX tasks_company ON tasks (company_id);
CREATE INDEX tasks_span ON tasks (span_start, span_end);
CREATE INDEX tasks_status ON tasks (status);

CREATE TABLE task_status_changes (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    note TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX task_status_changes_task ON task_status_changes (task_id);
