-- Indicators and their series (docs/indicators.md): an indicator with its target and the
-- SDG goals and targets it serves; every value imported, with the release it came from.
-- A value revised by a later release stays: the latest release of a (year, month,
-- breakdown) is the current value, the others its history.

CREATE TABLE indicators (
    id TEXT NOT NULL PRIMARY KEY,
    title_da TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_da TEXT NOT NULL,
    description_en TEXT NOT NULL,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
    target_value REAL,
    target_year INTEGER,
    target_rate REAL,
    base_year INTEGER,
    ceiling REAL,
    -- Comma-separated goal and target codes: '13, 13.2'.
    sdgs TEXT NOT NULL,
    initiative TEXT,
    source TEXT NOT NULL,
    method TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- One release of a series: where it came from, when it was published, and who imported it.
CREATE TABLE indicator_imports (
    id INTEGER PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators (id),
    source TEXT NOT NULL,
    published TEXT NOT NULL,
    rows_imported INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE INDEX indicator_imports_indicator ON indicator_imports (indicator_id);

-- A value of a release: a year (and a month for monthly series), the breakdown as
-- 'Column=value' pairs joined by '; ' ('' for the headline series).
CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES indicator_imports (id),
    indicator_id TEXT NOT NULL REFERENCES indicators (id),
    year INTEGER NOT NULL,
    month INTEGER,
    breakdown TEXT NOT NULL,
    value REAL NOT NULL
);
CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id, breakdown, year);
