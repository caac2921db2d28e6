-- The Sustainability Festival (docs/festival.md): an edition of four days with its venues,
-- events submitted by organisers and approved by the green agents, and registrations
-- without an account — held, confirmed, waiting in order of joining, offered, cancelled,
-- expired, checked in at the door.

CREATE TABLE festival_editions (
    id INTEGER PRIMARY KEY,
    year BIGINT NOT NULL,
    title TEXT NOT NULL,
    -- The first of its four days, an ISO date.
    starts_on TEXT NOT NULL,
    days BIGINT NOT NULL CHECK (days BETWEEN 1 AND 14),
    group_limit BIGINT NOT NULL CHECK (group_limit BETWEEN 1 AND 50),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX festival_editions_year ON festival_editions (year);

CREATE TABLE festival_venues (
    id INTEGER PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES festival_editions (id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    accessibility TEXT NOT NULL
);
CREATE INDEX festival_venues_edition ON festival_venues (edition_id);

-- An event. `status` is `submitted` (by an organiser, e-mail not yet confirmed),
-- `proposed` (confirmed, waiting for a green agent), `approved` (in the programme),
-- `rejected` or `cancelled`. The organiser's links are kept as SHA-256 only.
CREATE TABLE festival_events (
    id INTEGER PRIMARY KEY,
    edition_id BIGINT NOT NULL REFERENCES festival_editions (id),
    venue_id BIGINT NOT NULL REFERENCES festival_venues (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('workshop', 'talk', 'tour', 'market')),
    organiser TEXT NOT NULL,
    organiser_type TEXT NOT NULL CHECK (organiser_type IN ('company', 'association', 'municipality')),
    company_id BIGINT REFERENCES companies (id),
    organiser_email TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
    themes TEXT NOT NULL,
    sdgs TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'proposed', 'approved', 'rejected', 'cancelled')),
    confirm_hash TEXT,
    organiser_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX festival_events_edition ON festival_events (edition_id);

-- A registration for `people` (a group). `seq` is its place in the event's order of
-- joining, given under the event's lock, so positions are commit order. `passes` counts
-- how often a waiting group was passed over by a smaller one behind it (the fairness
-- rule, docs/festival.md). The link's token is kept as SHA-256; `code` is the short code
-- shown at the door.
CREATE TABLE festival_registrations (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES festival_events (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
    people BIGINT NOT NULL CHECK (people BETWEEN 1 AND 50),
    status TEXT NOT NULL CHECK (status IN ('held', 'confirmed', 'waiting', 'offered', 'cancelled', 'expired')),
    seq BIGINT NOT NULL,
    passes BIGINT NOT NULL,
    token_hash TEXT NOT NULL,
    code TEXT NOT NULL,
    held_until TEXT,
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    checked_in_at TEXT,
    ended_at TEXT
);
CREATE UNIQUE INDEX festival_registrations_seq ON festival_registrations (event_id, seq);
CREATE UNIQUE INDEX festival_registrations_token ON festival_registrations (token_hash);
CREATE INDEX festival_registrations_email ON festival_registrations (email);
