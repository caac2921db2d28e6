-- The green agents' community work (docs/green.md): communities with their contacts and
-- places, activities logged against topics and goals with follow-ups, and the public
-- "Making us greener" pledges.

CREATE TABLE communities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('association', 'housing', 'school', 'local_council')),
    description TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX communities_name ON communities (name);

-- The people a community is reached through: a chair, a caretaker, a head teacher.
CREATE TABLE community_contacts (
    id INTEGER PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL
);
CREATE INDEX community_contacts_community ON community_contacts (community_id);

-- Where a community meets or works, with coordinates for the overview's map.
CREATE TABLE community_places (
    id INTEGER PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL
);
CREATE INDEX community_places_community ON community_places (community_id);

-- An activity: a dialogue, workshop or campaign stand on a day, or a community project
-- (`project` says which) from `held_on` until `ends_on` (open while NULL).
CREATE TABLE green_activities (
    id INTEGER PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    place_id BIGINT REFERENCES community_places (id),
    kind TEXT NOT NULL CHECK (kind IN ('dialogue', 'workshop', 'stand', 'project')),
    project TEXT CHECK (project IN ('ebike_pool', 'sorting', 'biodiversity', 'climate_plan')),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    ends_on TEXT,
    topic TEXT NOT NULL CHECK (topic IN ('mobility', 'waste', 'biodiversity', 'climate', 'recycling', 'energy')),
    sdgs TEXT NOT NULL,
    people_reached BIGINT NOT NULL CHECK (people_reached BETWEEN 0 AND 100000),
    results TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX green_activities_community ON green_activities (community_id);
CREATE INDEX green_activities_held ON green_activities (held_on);

-- What was agreed to happen next, who owns it and by when; done with an outcome.
CREATE TABLE green_follow_ups (
    id INTEGER PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES green_activities (id),
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    note TEXT NOT NULL,
    done_on TEXT,
    outcome TEXT NOT NULL
);
CREATE INDEX green_follow_ups_activity ON green_follow_ups (activity_id);

-- A citizen's or household's pledge of an action (config/greener-actions.json), maybe
-- through a community; confirmed when a follow-up finds it kept.
CREATE TABLE green_pledges (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    household BIGINT NOT NULL CHECK (household BETWEEN 1 AND 20),
    community_id BIGINT REFERENCES communities (id),
    lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
    made_at TEXT NOT NULL,
    confirmed_on TEXT,
    follow_up_id BIGINT REFERENCES green_follow_ups (id)
);
CREATE INDEX green_pledges_email ON green_pledges (email);
CREATE INDEX green_pledges_made ON green_pledges (made_at);
