-- The city's key pairs for backups (docs/security.md): the public half and its id only. The
-- private half stays in its file (mode 0600) and is never written here, so a copy of the
-- database opens no phone's backup. The row is what every endpoint process publishes, and what
-- `migrate` on any machine checks a key file against: a machine without the file never makes
-- a second pair by mistake.
CREATE TABLE backup_keys (
    key_id      TEXT PRIMARY KEY NOT NULL,
    public_key  TEXT NOT NULL,
    made_at     BIGINT NOT NULL,
    -- 1 on the city's current key, NULL on keys replaced since: at most one current key.
    current     BIGINT UNIQUE CHECK (current = 1),
    retired_at  BIGINT
);
