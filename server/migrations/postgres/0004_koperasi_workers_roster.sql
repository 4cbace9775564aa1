-- Koperasi (wadah) as registered, the owners' workers (the PU hand-over list), and the city's
-- roster of known micro-business actors (the denominator of coverage).

-- One row per koperasi id, upserted from each member's registration: the latest received
-- registration's copy of the details wins (a koperasi can correct its name or legal number).
CREATE TABLE koperasi (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    chair_nik       TEXT NOT NULL,
    kelurahan_code  TEXT NOT NULL,
    legal_number    TEXT,
    updated_at      BIGINT NOT NULL
);

-- No foreign key: the registration row is written first (its insert is what decides whether
-- the submission is new), then its koperasi is upserted, in the same transaction.
ALTER TABLE registrations ADD COLUMN koperasi_id TEXT;
ALTER TABLE registrations ADD COLUMN koperasi_member_number TEXT;
CREATE INDEX registrations_koperasi ON registrations (koperasi_id);
-- The hand-over filters and the daily trend go by the WIB day of receipt.
CREATE INDEX registrations_validated_on ON registrations (validated_on);

-- Wage earners (PU) listed by an owner, in the order the owner listed them. Not BPU
-- registrations: NIK is not unique here (a worker may work for two owners).
CREATE TABLE workers (
    registration_id  TEXT NOT NULL REFERENCES registrations (id),
    position         BIGINT NOT NULL,
    nik              TEXT NOT NULL,
    full_name        TEXT NOT NULL,
    phone            TEXT,
    wage             BIGINT NOT NULL,
    PRIMARY KEY (registration_id, position)
);

-- The city's list (aid programmes' ODS), replaced whole by `import-roster`.
CREATE TABLE roster (
    nik             TEXT PRIMARY KEY NOT NULL,
    full_name       TEXT NOT NULL,
    kelurahan_code  TEXT NOT NULL,
    kecamatan_code  TEXT NOT NULL,
    business_type   TEXT NOT NULL
);
