-- Flex Waste: sites that subscribe to pickups, one-off orders, the hubs and the electric
-- vehicles, each day's routes, and every pickup and unloading as weighed.

-- A site's standing order: fractions, weekdays, a window in local time, what is expected
-- per pickup, and the price. A subscription ends by getting an end date, never by deletion.
CREATE TABLE waste_subscriptions (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    fractions TEXT NOT NULL,
    weekdays TEXT NOT NULL,
    time_window TEXT NOT NULL,
    expected_kg INTEGER NOT NULL,
    expected_litres INTEGER NOT NULL,
    price_per_pickup_ore BIGINT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX waste_subscriptions_site ON waste_subscriptions (site_id);

-- "An extra pickup tomorrow".
CREATE TABLE waste_orders (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    pickup_on TEXT NOT NULL,
    fractions TEXT NOT NULL,
    time_window TEXT NOT NULL,
    expected_kg INTEGER NOT NULL,
    expected_litres INTEGER NOT NULL,
    price_ore BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX waste_orders_day ON waste_orders (pickup_on);

-- Where vehicles start and unload. The depot is where they start and end; hubs take the
-- fractions listed, within their opening hours.
CREATE TABLE waste_places (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('depot', 'hub')),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    opening TEXT NOT NULL,
    fractions TEXT NOT NULL
);

CREATE TABLE waste_vehicles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    capacity_kg INTEGER NOT NULL,
    capacity_litres INTEGER NOT NULL,
    range_km INTEGER NOT NULL,
    speed_kmh INTEGER NOT NULL,
    shift TEXT NOT NULL,
    wh_per_km INTEGER NOT NULL
);
CREATE UNIQUE INDEX waste_vehicles_name ON waste_vehicles (name);

-- A day's plan; a re-plan during the day is a new plan of the same day, and the latest
-- is the one drivers follow.
CREATE TABLE waste_day_plans (
    id INTEGER PRIMARY KEY,
    pickup_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX waste_day_plans_day ON waste_day_plans (pickup_on);

CREATE TABLE waste_routes (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES waste_day_plans (id),
    vehicle_id INTEGER NOT NULL REFERENCES waste_vehicles (id),
    driver_id INTEGER REFERENCES people (id),
    distance_m BIGINT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL
);

-- A route's visits in order: a site to collect from, or a hub to unload at.
CREATE TABLE waste_visits (
    id INTEGER PRIMARY KEY,
    route_id INTEGER NOT NULL REFERENCES waste_routes (id),
    position INTEGER NOT NULL,
    site_id INTEGER REFERENCES sites (id),
    place_id INTEGER REFERENCES waste_places (id),
    arrives_at TEXT NOT NULL,
    window_opens_at TEXT,
    window_closes_at TEXT,
    expected_kg INTEGER NOT NULL
);
CREATE INDEX waste_visits_route ON waste_visits (route_id);

-- A site the plan could not serve, and why.
CREATE TABLE waste_unserved (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES waste_day_plans (id),
    site_id INTEGER NOT NULL REFERENCES sites (id),
    reason TEXT NOT NULL
);

-- What happened at a site: collected (one row per fraction weighed), nothing to collect,
-- closed, or contaminated (fraction empty then). The driver's phone names each
-- submission, so a resent one counts once.
CREATE TABLE waste_pickups (
    id INTEGER PRIMARY KEY,
    submission TEXT NOT NULL,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    cvr TEXT NOT NULL,
    p_number TEXT NOT NULL,
    pickup_on TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('collected', 'nothing', 'closed', 'contaminated')),
    fraction TEXT NOT NULL,
    ewc TEXT,
    grams BIGINT NOT NULL,
    note TEXT,
    at TEXT NOT NULL,
    vehicle_id INTEGER NOT NULL REFERENCES waste_vehicles (id),
    driver_id INTEGER REFERENCES people (id),
    received_by INTEGER REFERENCES waste_places (id)
);
CREATE UNIQUE INDEX waste_pickups_submission ON waste_pickups (submission, fraction);
CREATE INDEX waste_pickups_day ON waste_pickups (pickup_on);

CREATE TABLE waste_unloads (
    id INTEGER PRIMARY KEY,
    submission TEXT NOT NULL,
    route_id INTEGER NOT NULL REFERENCES waste_routes (id),
    place_id INTEGER NOT NULL REFERENCES waste_places (id),
    grams BIGINT NOT NULL,
    at TEXT NOT NULL
);
CREATE UNIQUE INDEX waste_unloads_submission ON waste_unloads (submission);
