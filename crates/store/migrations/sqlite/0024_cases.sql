-- The best-practice exchange's cases (docs/cases.md): an initiative described with its
-- live results, in Danish and/or English (one row per language, sharing the slug), and
-- its editorial workflow. Searched with FTS5 here and with PostgreSQL's full-text search
-- there; the store keeps the SQLite index in step with every write.

CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    challenge TEXT NOT NULL,
    done TEXT NOT NULL,
    financing TEXT NOT NULL,
    partners TEXT NOT NULL,
    contact TEXT NOT NULL,
    -- Comma-separated: themes (growing, smart, green, social, bauhaus), SDG goals, and the
    -- live indicators embedded as results.
    themes TEXT NOT NULL,
    sdgs TEXT NOT NULL,
    indicators TEXT NOT NULL,
    municipality TEXT NOT NULL,
    initiative TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'withdrawn')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    published_at TEXT
);
CREATE UNIQUE INDEX cases_slug_lang ON cases (slug, lang);

-- Who moved a case to which state, and when.
CREATE TABLE case_changes (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    status TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL
);

CREATE VIRTUAL TABLE cases_fts USING fts5 (title, summary, body, tokenize = 'unicode61 remove_diacritics 2');
