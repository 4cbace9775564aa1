-- The walking skeleton: names sent from the app. Replaced by registrations.
CREATE TABLE skeleton_entries (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
