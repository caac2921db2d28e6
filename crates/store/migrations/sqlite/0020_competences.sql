-- The Aalborg Alliance's competence catalogue beside ESCO (shipped in crates/esco): the
-- agency's Danish names for ESCO skills and occupations, and its local skills, each
-- mapped to an ESCO skill or standing alone. The agency's twelve skill codes, held by
-- people and asked by tasks, are its first local skills: nothing it has is lost.

-- A Danish name for an ESCO concept (kind 'skill' or 'occupation'; esco_id the UUID
-- ending its URI). A new name replaces the old.
CREATE TABLE competence_names (
    kind TEXT NOT NULL CHECK (kind IN ('skill', 'occupation')),
    esco_id TEXT NOT NULL,
    name_da TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (kind, esco_id)
);

-- A local skill: its code (as people and tasks hold it), its names, and the ESCO skill it
-- maps to, if any.
CREATE TABLE local_skills (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_da TEXT NOT NULL,
    name_en TEXT NOT NULL,
    esco_id TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

INSERT INTO local_skills (code, name_da, name_en, esco_id, created_at, created_by) VALUES
    ('cleaning', 'Rengøring', 'Cleaning', '6ff01827-907d-43d8-b6e4-7162c1cf0aca', '2026-12-05T00:00:00Z', 'kommune'),
    ('sorting', 'Sortering', 'Sorting', '110d7aa3-e44e-4cce-a927-8d4de615f3d9', '2026-12-05T00:00:00Z', 'kommune'),
    ('gardening', 'Havearbejde', 'Gardening', NULL, '2026-12-05T00:00:00Z', 'kommune'),
    ('kitchen_hygiene', 'Hygiejnebevis', 'Food hygiene certificate', '0ff99f51-40d9-42f1-a1ec-377b2bb5e15f', '2026-12-05T00:00:00Z', 'kommune'),
    ('forklift', 'Truckcertifikat', 'Forklift licence', '28cb374e-6261-4133-8371-f9a5470145da', '2026-12-05T00:00:00Z', 'kommune'),
    ('driving_licence_b', 'Kørekort B', 'Driving licence B', '2a82241a-216e-44d8-bb50-6b9a0ef82084', '2026-12-05T00:00:00Z', 'kommune'),
    ('cargo_bike', 'Ladcykel', 'Cargo bike', NULL, '2026-12-05T00:00:00Z', 'kommune'),
    ('customer_service', 'Kundeservice', 'Customer service', '0da516ee-e70e-4384-be13-f5ff80be8127', '2026-12-05T00:00:00Z', 'kommune'),
    ('office_it', 'Kontor og IT', 'Office and IT', '71dde84c-0058-4c52-a556-523369333db8', '2026-12-05T00:00:00Z', 'kommune'),
    ('warehouse_picking', 'Lagerpluk', 'Warehouse picking', 'b01c93a8-43b0-4cf6-81c8-68a4f2ed93d9', '2026-12-05T00:00:00Z', 'kommune'),
    ('first_aid', 'Førstehjælp', 'First aid', '1d21f6ad-340f-45da-a0a3-4e83867f47a6', '2026-12-05T00:00:00Z', 'kommune'),
    ('power_tools', 'Elværktøj', 'Power tools', '5bf7f85a-b080-4b27-8ddc-9f62af4643f5', '2026-12-05T00:00:00Z', 'kommune');
