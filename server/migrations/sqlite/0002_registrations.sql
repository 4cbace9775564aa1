-- Officers, their devices, the city's admin tokens, and the registrations they send.
-- Times are unix milliseconds (BIGINT), the same on SQLite and PostgreSQL through sqlx's Any
-- driver. Secrets (enrollment codes, tokens) are stored only as SHA-256 hex digests.

CREATE TABLE officers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE enrollment_codes (
    code_hash   TEXT PRIMARY KEY NOT NULL,
    officer_id  BIGINT NOT NULL REFERENCES officers (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);

CREATE TABLE devices (
    id          INTEGER PRIMARY KEY,
    officer_id  BIGINT NOT NULL REFERENCES officers (id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE admin_tokens (
    id          INTEGER PRIMARY KEY,
    label       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

-- One row, updated first in every batch transaction: it serializes the writers of batches, so
-- receipt numbers are handed out without gaps and two transactions never wait on each other's
-- rows in opposite orders (no deadlock on PostgreSQL, no stale-snapshot BUSY on SQLite).
CREATE TABLE ingest_lock (
    id          BIGINT PRIMARY KEY NOT NULL,
    touched_at  BIGINT NOT NULL
);
INSERT INTO ingest_lock (id, touched_at) VALUES (1, 0);

-- The last receipt sequence handed out in each year of receipt.
CREATE TABLE receipt_counters (
    year           BIGINT PRIMARY KEY NOT NULL,
    last_sequence  BIGINT NOT NULL
);

CREATE TABLE registrations (
    id                 TEXT PRIMARY KEY NOT NULL,
    nik                TEXT NOT NULL UNIQUE,
    full_name          TEXT NOT NULL,
    kelurahan_code     TEXT,
    kecamatan_code     TEXT,
    business_kind      TEXT NOT NULL,
    koperasi_name      TEXT,
    submitted_officer  TEXT,
    officer_id         BIGINT NOT NULL REFERENCES officers (id),
    device_id          BIGINT NOT NULL REFERENCES devices (id),
    receipt_year       BIGINT NOT NULL,
    receipt_sequence   BIGINT NOT NULL,
    receipt            TEXT NOT NULL UNIQUE,
    validated_on       TEXT NOT NULL,
    received_at        BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    canonical_json     TEXT NOT NULL,
    UNIQUE (receipt_year, receipt_sequence)
);
CREATE INDEX registrations_kelurahan ON registrations (kelurahan_code);
CREATE INDEX registrations_device ON registrations (device_id);
