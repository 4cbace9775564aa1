-- Copies that nothing reads, most of them personal data: a registration's canonical JSON is the
-- one record of what was validated, and the hand-over files and the figures read it from there.
-- Kept beside it are only the columns that queries look up, filter, group and join by (`nik`
-- for uniqueness and the roster, regions, business kind, koperasi id, officer and device,
-- receipt, day and time of receipt). The `workers` table keeps which registrations list
-- workers, in order (the worker list's filter and the count of workers), not the workers'
-- details. One column per statement: SQLite drops one at a time.
ALTER TABLE registrations DROP COLUMN full_name;
ALTER TABLE registrations DROP COLUMN koperasi_name;
ALTER TABLE registrations DROP COLUMN koperasi_member_number;
ALTER TABLE registrations DROP COLUMN submitted_officer;
ALTER TABLE registrations DROP COLUMN created_at;
ALTER TABLE workers DROP COLUMN nik;
ALTER TABLE workers DROP COLUMN full_name;
ALTER TABLE workers DROP COLUMN phone;
ALTER TABLE workers DROP COLUMN wage;
-- A koperasi's chair is a person: the registrations that name the koperasi keep the NIK.
ALTER TABLE koperasi DROP COLUMN chair_nik;
