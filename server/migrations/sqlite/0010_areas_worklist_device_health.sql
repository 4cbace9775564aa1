-- The worklist (docs/architecture.md, "The worklist"): officers' areas, the roster with stable
-- ids and change numbers so a phone can fetch only what changed, and the latest health report
-- of each device. No personal data beyond what the roster already held.

-- The kelurahan each officer works; replaced whole by `assign-officer` or the dashboard.
CREATE TABLE officer_areas (
    officer_id      BIGINT NOT NULL REFERENCES officers (id),
    kelurahan_code  TEXT NOT NULL,
    PRIMARY KEY (officer_id, kelurahan_code)
);
-- 1: an officer without kelurahan sees the whole city's list; 0: an empty list until assigned.
ALTER TABLE officers ADD COLUMN whole_city BIGINT NOT NULL DEFAULT 0;

-- One row: the last change number given to a roster row or a removal (every change gets its
-- own, in commit order: each import updates this row first, which orders importers), and the
-- highest number of a removal since forgotten (a cursor from before it starts over).
CREATE TABLE worklist_clock (
    id              BIGINT PRIMARY KEY NOT NULL,
    last_seq        BIGINT NOT NULL,
    pruned_through  BIGINT NOT NULL
);

-- The roster again, now with a stable id per NIK (kept across re-imports while the NIK stays),
-- the change number of its current content, and the optional address and market columns.
CREATE TABLE roster_next (
    id              BIGINT NOT NULL UNIQUE,
    nik             TEXT PRIMARY KEY NOT NULL,
    full_name       TEXT NOT NULL,
    kelurahan_code  TEXT NOT NULL,
    kecamatan_code  TEXT NOT NULL,
    business_type   TEXT NOT NULL,
    address         TEXT,
    market          TEXT,
    seq             BIGINT NOT NULL UNIQUE
);
INSERT INTO roster_next (id, nik, full_name, kelurahan_code, kecamatan_code, business_type, seq)
SELECT ROW_NUMBER() OVER (ORDER BY nik), nik, full_name, kelurahan_code, kecamatan_code,
       business_type, ROW_NUMBER() OVER (ORDER BY nik)
FROM roster;
DROP TABLE roster;
ALTER TABLE roster_next RENAME TO roster;
CREATE INDEX roster_kelurahan_seq ON roster (kelurahan_code, seq);
INSERT INTO worklist_clock (id, last_seq, pruned_through) SELECT 1, COUNT(*), 0 FROM roster;

-- Roster entries that left the list (or left a kelurahan), by change number: what tells a
-- phone to drop them. Ids and kelurahan only, no NIK or name.
CREATE TABLE roster_removed (
    seq             BIGINT PRIMARY KEY NOT NULL,
    roster_id       BIGINT NOT NULL,
    kelurahan_code  TEXT NOT NULL,
    removed_at      BIGINT NOT NULL
);
CREATE INDEX roster_removed_kelurahan_seq ON roster_removed (kelurahan_code, seq);

-- The latest report of each device: when it was last seen (any request with its token), and
-- what it last said about itself (counts and sizes, never personal data).
CREATE TABLE device_health (
    device_id             BIGINT PRIMARY KEY NOT NULL REFERENCES devices (id),
    seen_at               BIGINT NOT NULL,
    reported_at           BIGINT,
    app_version           TEXT,
    waiting               BIGINT,
    oldest_waiting_since  BIGINT,
    storage_used          BIGINT,
    storage_quota         BIGINT
);
