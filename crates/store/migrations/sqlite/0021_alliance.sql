-- The Aalborg Alliance: companies' competence needs, students and graduates who registered
-- themselves, the dialogue (meetings and their follow-ups), each company's candidate bank,
-- and introductions of a candidate to a need with their outcome. Skills are codes of the
-- competence catalogue (0020): a local skill's code, or 'esco:' and an ESCO skill's id.

-- A company's competence need: the role (an ESCO occupation, or only a free title), the
-- hours a week (1 to 37), the kind of job, and what the work asks physically (checked
-- against agency people's functional limits, never shown to the company).
CREATE TABLE alliance_needs (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    site_id INTEGER REFERENCES sites (id),
    occupation TEXT,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 37),
    start_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ordinary', 'flex', 'student', 'internship', 'small_job')),
    positions INTEGER NOT NULL CHECK (positions BETWEEN 1 AND 50),
    lift_kg INTEGER NOT NULL,
    standing INTEGER NOT NULL,
    outdoors INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'filled', 'withdrawn')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX alliance_needs_company ON alliance_needs (company_id);
CREATE INDEX alliance_needs_status ON alliance_needs (status);

-- The skills a need asks for, each a must-have or a nice-to-have.
CREATE TABLE alliance_need_skills (
    need_id INTEGER NOT NULL REFERENCES alliance_needs (id),
    skill TEXT NOT NULL,
    must INTEGER NOT NULL,
    PRIMARY KEY (need_id, skill)
);

-- A student or new graduate who registered on the public page. Only the SHA-256 of the
-- personal link's token is kept. Unconfirmed registrations are in no list; without
-- consent (withdrawn) a student is matched to nothing. Skills and languages are comma-
-- separated codes.
CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    education TEXT NOT NULL,
    skills TEXT NOT NULL,
    hours_free INTEGER NOT NULL CHECK (hours_free BETWEEN 1 AND 37),
    languages TEXT NOT NULL,
    postcode TEXT NOT NULL,
    consent INTEGER NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX students_email ON students (email);

-- Skills of the agency's people beyond the twelve codes the planner reads: any code of
-- the competence catalogue, added by a coordinator for the Alliance's matching.
CREATE TABLE person_skills (
    person_id INTEGER NOT NULL REFERENCES people (id),
    skill TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (person_id, skill)
);

-- A meeting of the Alliance with a company: when, who took part, which needs were
-- discussed (comma-separated ids) and what was said.
CREATE TABLE alliance_meetings (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    held_on TEXT NOT NULL,
    attendees TEXT NOT NULL,
    needs TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX alliance_meetings_company ON alliance_meetings (company_id);

-- A follow-up agreed at a meeting, with its owner and due date, done when done_at is set.
CREATE TABLE alliance_follow_ups (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES alliance_meetings (id),
    what TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_at TEXT
);

-- A company's candidate bank: candidates it has met or wants to hear from again.
CREATE TABLE candidate_bank (
    company_id INTEGER NOT NULL REFERENCES companies (id),
    candidate_kind TEXT NOT NULL CHECK (candidate_kind IN ('person', 'student')),
    candidate_id INTEGER NOT NULL,
    note TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (company_id, candidate_kind, candidate_id)
);

-- A candidate proposed for a need. The candidate answers first through a personal link
-- (only its token's SHA-256 is kept): proposed -> accepted | declined; then interview,
-- hired (hours and kind) or not_hired with why.
CREATE TABLE introductions (
    id INTEGER PRIMARY KEY,
    need_id INTEGER NOT NULL REFERENCES alliance_needs (id),
    candidate_kind TEXT NOT NULL CHECK (candidate_kind IN ('person', 'student')),
    candidate_id INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'interview', 'hired', 'not_hired')),
    token_hash TEXT NOT NULL UNIQUE,
    hired_hours INTEGER,
    hired_kind TEXT,
    why TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    answered_at TEXT,
    decided_at TEXT,
    decided_by TEXT
);
CREATE UNIQUE INDEX introductions_once ON introductions (need_id, candidate_kind, candidate_id);

-- Who read a candidate's profile for a company, logged like the limits' reads.
CREATE TABLE candidate_reads (
    id INTEGER PRIMARY KEY,
    candidate_kind TEXT NOT NULL,
    candidate_id INTEGER NOT NULL,
    read_by TEXT NOT NULL,
    purpose TEXT NOT NULL,
    read_at TEXT NOT NULL
);
CREATE INDEX candidate_reads_candidate ON candidate_reads (candidate_kind, candidate_id);

-- A read of every agency person's functional limits at once (a match run checks them all):
-- one row per run, naming how many people it covered.
CREATE TABLE limit_runs (
    id INTEGER PRIMARY KEY,
    read_by TEXT NOT NULL,
    purpose TEXT NOT NULL,
    people INTEGER NOT NULL,
    read_at TEXT NOT NULL
);

-- Public forms and POSTs by client address, for the per-address limit (KOMMUNE_PUBLIC_LIMIT
-- an hour); kept in the database so several servers count together.
CREATE TABLE public_requests (
    id INTEGER PRIMARY KEY,
    client TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX public_requests_client ON public_requests (client, at);
