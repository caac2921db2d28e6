-- The rest of the best-practice exchange (docs/cases.md): news beside the cases, the
-- cases' images kept in the database (so backups and several servers keep them), other
-- municipalities' feeds followed into the list as external entries, and the citizens'
-- newsletter with double opt-in.

-- A row of `cases` is a case or a news item; they share the workflow, the search and the
-- feeds. A news item's `links` are the slugs of the cases it is about.
ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'case' CHECK (kind IN ('case', 'news'));
ALTER TABLE cases ADD COLUMN links TEXT NOT NULL DEFAULT '';

-- Feeds an editor follows. `status` is `new`, `ok` or why the last fetch failed (a code
-- the pages word), with `detail` for the editor; `removed_at` ends a subscription and
-- withdraws its entries.
CREATE TABLE feed_sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    name TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    fetched_at TEXT,
    status TEXT NOT NULL,
    detail TEXT NOT NULL,
    entries BIGINT NOT NULL,
    removed_at TEXT
);
CREATE UNIQUE INDEX feed_sources_url ON feed_sources (url);

-- An external entry is a published row of `cases` with its source, its id there and the
-- link back; the pair (source, entry id) is what keeps an entry from arriving twice.
ALTER TABLE cases ADD COLUMN source_id BIGINT REFERENCES feed_sources (id);
ALTER TABLE cases ADD COLUMN source_entry TEXT;
ALTER TABLE cases ADD COLUMN source_link TEXT;
CREATE UNIQUE INDEX cases_source_entry ON cases (source_id, source_entry);

-- A case's images: JPEG, PNG or WebP of at most 5 MB, checked by content, with alt text
-- in Danish and, when the case has an English text, in English.
CREATE TABLE case_images (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    alt_da TEXT NOT NULL,
    alt_en TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    bytes BLOB NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE INDEX case_images_slug ON case_images (slug);

-- Newsletter subscribers. The confirmation link's token is kept only as its SHA-256 and
-- forgotten once used; the unsubscribe token is kept as it is, since every mail carries
-- it. Unsubscribing deletes the row and its sends.
CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('da', 'en')),
    themes TEXT NOT NULL,
    confirm_hash TEXT,
    unsubscribe_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    confirmed_at TEXT
);
CREATE UNIQUE INDEX subscribers_email ON subscribers (email);
CREATE UNIQUE INDEX subscribers_unsubscribe ON subscribers (unsubscribe_token);

-- Which month's digest went to whom: at most one each.
CREATE TABLE newsletter_sends (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id),
    month TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, month)
);
