-- Flex Waste run day to day: vehicles taken out of service, orders withdrawn, drivers'
-- corrections, and days closed.

-- A vehicle out of service from retired_on on: planned no more, its routes kept.
ALTER TABLE waste_vehicles ADD COLUMN retired_on TEXT;

-- An order withdrawn before its pickup stays, with who withdrew it and when.
ALTER TABLE waste_orders ADD COLUMN cancelled_at TEXT;
ALTER TABLE waste_orders ADD COLUMN cancelled_by TEXT;

-- A driver's correction of a saved stop is a report of its own naming the submission it
-- corrects; the corrected rows stay as they were, and only the latest report counts.
ALTER TABLE waste_pickups ADD COLUMN corrects TEXT;
CREATE INDEX waste_pickups_corrects ON waste_pickups (corrects);

-- A day closed by the coordinator; a day also closes by itself at local midnight. After
-- that its stops are no longer changed.
CREATE TABLE waste_day_closures (
    pickup_on TEXT NOT NULL PRIMARY KEY,
    closed_at TEXT NOT NULL,
    closed_by TEXT NOT NULL
);

-- Flex Waste's invoices name the service as their seller, beside the agency's own name
-- for Small Jobs; empty is "Flex Waste".
ALTER TABLE seller ADD COLUMN flexwaste_name TEXT NOT NULL DEFAULT '';
