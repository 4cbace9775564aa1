-- What lets more than one endpoint process run behind the proxy, and tells the city who did
-- what: admin tokens that expire, dashboard sessions, failed sign-ins and enrollment codes
-- counted per client address, and the audit trail. All of it in the database, so every process
-- sees the same, and a restart forgets nothing.

-- Admin tokens expire (unix millis). A token made before this had no end: it gets 90 days from
-- when it was made, the default of `create-admin-token --days`, so a forgotten old token stops.
ALTER TABLE admin_tokens ADD COLUMN expires_at BIGINT;
UPDATE admin_tokens SET expires_at = created_at + 7776000000 WHERE expires_at IS NULL;

-- A dashboard sign-in. The browser's cookie holds a random id; only its SHA-256 digest is kept.
-- A session ends at `expires_at`, on "Keluar" (`revoked_at`), or as soon as the admin token it
-- was opened with (`token_hash`, the token's digest as `admin_tokens` keeps it) is revoked or
-- expires. `label` is the token's label, for the audit trail.
CREATE TABLE admin_sessions (
    id_hash     TEXT PRIMARY KEY NOT NULL,
    token_hash  TEXT NOT NULL,
    label       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX admin_sessions_token ON admin_sessions (token_hash);

-- Failed enrollment codes and dashboard sign-ins (`kind`), per client address, in a window that
-- starts with the first failure: past the allowed number the address waits for the window's end.
CREATE TABLE failed_attempts (
    kind          TEXT NOT NULL,
    address       TEXT NOT NULL,
    window_start  BIGINT NOT NULL,
    failures      BIGINT NOT NULL,
    PRIMARY KEY (kind, address)
);

-- The audit trail: who (`actor`: "cli", an admin token's label, an officer's id) did what
-- (`action`, a stable code; `details`, JSON of ids, labels, file names, filters and counts),
-- when and from which address. Never personal data: no NIK, no participant's name, no phone.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       BIGINT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    details  TEXT NOT NULL,
    address  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
