//! A phone's backup file, opened by the city: `lindungi-server import-backup FILE` receives every
//! registration the officer saved and the city lacks, exactly once, and refuses a file changed
//! in any byte — on SQLite and PostgreSQL.
//!
//! The phone's side is written here in Rust with the same primitives the app uses through
//! WebCrypto (`domain::backup`): a random data key, each record compressed with raw DEFLATE and
//! sealed with AES-256-GCM under its additional data, the data key wrapped for the city by ECDH
//! P-256 + HKDF-SHA-256 + AES-256-GCM, and the file's body sealed the same way under a second
//! ephemeral key, with the header line as additional data. The Playwright journey
//! `tests/e2e/pin-backup-import.spec.ts` does the same with the real app's file.

mod common;

use std::{
    io::Write,
    os::unix::fs::PermissionsExt,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

use aes_gcm::{
    Aes256Gcm, KeyInit, Nonce,
    aead::{Aead, Payload},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use common::{Backend, TestApp, both_backends};
use domain::{
    Timestamp,
    backup::{
        BACKUP_KIND, BACKUP_VERSION, BackupBody, BackupDevice, BackupHeader, BackupRecord,
        CITY_WRAP_ALG, CityWrap, HKDF_INFO_DATA_KEY, HKDF_INFO_FILE, HKDF_SALT, RecordState,
        SEALED_RECORD_VERSION, SealedRecord,
    },
    wire::{CityKey, Submission},
};
use hkdf::Hkdf;
use lindungi_server::backup_key::CityKeyPair;
use p256::{PublicKey, SecretKey};
use serde_json::json;
use sha2::Sha256;

const BIN: &str = env!("CARGO_BIN_EXE_lindungi-server");

/// The phone's side of a backup, in Rust.
mod phone {
    use super::*;

    fn random<const N: usize>() -> [u8; N] {
        let mut bytes = [0u8; N];
        getrandom::fill(&mut bytes).unwrap();
        bytes
    }

    fn deflate(plain: &[u8]) -> Vec<u8> {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(plain).unwrap();
        encoder.finish().unwrap()
    }

    /// A box: base64 of nonce ‖ AES-256-GCM(plain, aad).
    pub fn seal(key: &Aes256Gcm, plain: &[u8], aad: &[u8]) -> String {
        let nonce: [u8; 12] = random();
        let mut bytes = nonce.to_vec();
        bytes.extend(
            key.encrypt(&Nonce::from(nonce), Payload { msg: plain, aad })
                .unwrap(),
        );
        STANDARD.encode(bytes)
    }

    /// A fresh ephemeral key and the key it agrees with the city's for `info`.
    fn agree(city: &CityKey, info: &str) -> (String, Aes256Gcm) {
        let ephemeral = loop {
            if let Ok(secret) = SecretKey::from_bytes(&random::<32>().into()) {
                break secret;
            }
        };
        let theirs =
            PublicKey::from_sec1_bytes(&STANDARD.decode(&city.public_key).unwrap()).unwrap();
        let shared = p256::ecdh::diffie_hellman(ephemeral.to_nonzero_scalar(), theirs.as_affine());
        let mut key = [0u8; 32];
        Hkdf::<Sha256>::new(Some(HKDF_SALT.as_bytes()), shared.raw_secret_bytes())
            .expand(info.as_bytes(), &mut key)
            .unwrap();
        (
            STANDARD.encode(ephemeral.public_key().to_sec1_bytes()),
            Aes256Gcm::new(&key.into()),
        )
    }

    /// A phone's storage: a data key and its records, sealed as the app seals them.
    pub struct Phone {
        raw_key: [u8; 32],
        key: Aes256Gcm,
        pub records: Vec<BackupRecord>,
    }

    impl Phone {
        pub fn new() -> Self {
            let raw_key = random::<32>();
            Phone {
                key: Aes256Gcm::new(&raw_key.into()),
                raw_key,
                records: Vec::new(),
            }
        }

        /// Stores `submission` in `state`, sealed.
        pub fn store(&mut self, state: RecordState, submission: &Submission) {
            let inner = json!({ "state": state, "submission": submission });
            let mut sealed = SealedRecord {
                v: SEALED_RECORD_VERSION,
                state,
                schema: Some(submission.schema_version),
                sum: "t3st7ag0".into(),
                sealed: String::new(),
            };
            let plain = deflate(inner.to_string().as_bytes());
            sealed.sealed = seal(&self.key, &plain, &sealed.aad(&submission.id));
            self.records.push(BackupRecord {
                id: submission.id.clone(),
                value: serde_json::to_string(&sealed).unwrap(),
            });
        }

        /// The backup file, for `city`'s key, made by `device`.
        pub fn backup(&self, city: &CityKey, device: BackupDevice) -> String {
            let (epk, wrap_key) = agree(city, HKDF_INFO_DATA_KEY);
            let mut wrap = CityWrap {
                alg: CITY_WRAP_ALG.into(),
                key_id: city.key_id.clone(),
                epk,
                sealed: String::new(),
            };
            wrap.sealed = seal(&wrap_key, &self.raw_key, &wrap.aad());
            let body = BackupBody {
                made_at: "2026-06-15T05:00:00.000Z".into(),
                device: Some(device),
                data_key: Some(wrap),
                records: self.records.clone(),
                entries: Vec::new(),
            };
            let (epk, file_key) = agree(city, HKDF_INFO_FILE);
            let header = serde_json::to_string(&BackupHeader {
                kind: BACKUP_KIND.into(),
                version: BACKUP_VERSION,
                alg: CITY_WRAP_ALG.into(),
                key_id: city.key_id.clone(),
                epk,
            })
            .unwrap();
            let plain = deflate(serde_json::to_string(&body).unwrap().as_bytes());
            let sealed = seal(&file_key, &plain, header.as_bytes());
            domain::backup::BackupFile::join(&header, &sealed)
        }
    }
}

/// Today in Mojokerto by the system clock, which the command line uses.
fn today() -> domain::Date {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    Timestamp::from_unix_millis(millis).unwrap().date_wib()
}

fn import(url: &str, key: &Path, file: &Path) -> Output {
    Command::new(BIN)
        .arg("--database-url")
        .arg(url)
        .arg("--backup-key")
        .arg(key)
        .arg("import-backup")
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An endpoint with an enrolled phone, the city's key in `dir`, and the phone's backup of three
/// queued registrations, a draft and one the city confirmed, written to `dir`.
struct Scene {
    app: TestApp,
    dir: tempfile::TempDir,
    key: PathBuf,
    file: PathBuf,
    queued: Vec<Submission>,
    draft: Submission,
}

async fn scene(backend: Backend) -> Scene {
    let app = TestApp::new(backend).await;
    let device = app.enroll("Petugas Cadangan").await;
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("backup-key.pem");
    let (city, _) = CityKeyPair::load_or_create(&key).unwrap();
    let mut phone = phone::Phone::new();
    let queued: Vec<Submission> = (1..=3)
        .map(|seed| domain::testdata::submission_on(seed, today()))
        .collect();
    for submission in &queued {
        phone.store(RecordState::Queued, submission);
    }
    let draft = domain::testdata::submission_on(4, today());
    phone.store(RecordState::Draft, &draft);
    let file = dir.path().join("lindungi-cadangan.lindungi");
    std::fs::write(
        &file,
        phone.backup(
            city.public(),
            BackupDevice {
                device_id: device.device_id,
                officer_id: device.officer_id,
            },
        ),
    )
    .unwrap();
    Scene {
        app,
        dir,
        key,
        file,
        queued,
        draft,
    }
}

both_backends! {
    async fn a_backup_of_three_unsent_registrations_is_imported_once_and_a_second_import_adds_none(backend) {
        let s = scene(backend).await;
        let url = s.app.state.config.database_url.clone();

        let first = import(&url, &s.key, &s.file);
        assert!(first.status.success(), "{}", text(&first.stderr));
        assert_eq!(s.app.stored().await, 3);
        let out = text(&first.stdout);
        for submission in &s.queued {
            assert!(out.contains(&format!("{}  accepted MJK-", submission.id)), "{out}");
        }
        assert!(
            out.contains(&format!("{}  not sent: a draft the officer never saved", s.draft.id)),
            "{out}"
        );
        assert!(out.contains("3 accepted, 0 already received"), "{out}");

        let again = import(&url, &s.key, &s.file);
        assert!(again.status.success(), "{}", text(&again.stderr));
        assert_eq!(s.app.stored().await, 3, "a second import adds none");
        let out = text(&again.stdout);
        assert!(out.contains("0 accepted, 3 already received"), "{out}");

        // The audit trail has both imports, by counts.
        let entries: Vec<(String,)> = sqlx::query_as(
            "SELECT details FROM audit_log WHERE action = 'backup_imported' ORDER BY id",
        )
        .fetch_all(&s.app.db().pool)
        .await
        .unwrap();
        let details: Vec<serde_json::Value> =
            entries.iter().map(|(d,)| serde_json::from_str(d).unwrap()).collect();
        assert_eq!(details.len(), 2);
        assert_eq!((&details[0]["accepted"], &details[0]["other"]), (&json!(3), &json!(1)));
        assert_eq!(details[1]["already_received"], json!(3));

        // What is printed or audited names registrations by id, never the person.
        for submission in &s.queued {
            let p = &submission.form.participant;
            for secret in [&p.nik, &p.full_name, &p.mother_maiden_name, &p.phone] {
                assert!(!out.contains(secret.as_str()), "personal data printed");
                assert!(!text(&first.stdout).contains(secret.as_str()), "personal data printed");
                assert!(entries.iter().all(|(d,)| !d.contains(secret.as_str())), "personal data audited");
            }
        }
    }

    async fn a_backup_changed_in_any_byte_is_refused_and_nothing_is_imported(backend) {
        let s = scene(backend).await;
        let url = s.app.state.config.database_url.clone();
        let original = std::fs::read(&s.file).unwrap();
        // A byte of the header, of the body near its start and in its middle, and the last one.
        let body_starts = original.iter().position(|&b| b == b'\n').unwrap() + 1;
        for at in [10, body_starts + 3, (body_starts + original.len()) / 2, original.len() - 2] {
            let mut changed = original.clone();
            changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
            let file = s.dir.path().join(format!("changed-{at}.lindungi"));
            std::fs::write(&file, &changed).unwrap();
            let refused = import(&url, &s.key, &file);
            assert!(!refused.status.success(), "byte {at} changed, yet imported");
            let message = text(&refused.stderr);
            assert!(
                message.contains("does not open with this city's key")
                    || message.contains("not a Lindungi backup"),
                "byte {at}: {message}"
            );
        }
        assert_eq!(s.app.stored().await, 0);
    }
}

#[test]
fn every_single_byte_changed_in_a_backup_makes_it_refuse_to_open() {
    let dir = tempfile::tempdir().unwrap();
    let (city, _) = CityKeyPair::load_or_create(&dir.path().join("k.pem")).unwrap();
    let mut phone = phone::Phone::new();
    phone.store(
        RecordState::Queued,
        &domain::testdata::submission_on(1, today()),
    );
    let device = BackupDevice {
        device_id: 1,
        officer_id: 1,
    };
    let file = phone.backup(city.public(), device);
    assert!(lindungi_server::import_backup::open(&file, &city).is_ok());
    let bytes = file.into_bytes();
    for at in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        let Ok(text) = String::from_utf8(changed) else {
            continue; // not even text: refused before it is read
        };
        assert!(
            lindungi_server::import_backup::open(&text, &city).is_err(),
            "byte {at} of {} changed, and the file still opened",
            bytes.len()
        );
    }
}

#[test]
fn a_backup_made_for_another_city_key_says_which_key_it_was_made_for() {
    let dir = tempfile::tempdir().unwrap();
    let (city, _) = CityKeyPair::load_or_create(&dir.path().join("ours.pem")).unwrap();
    let (other, _) = CityKeyPair::load_or_create(&dir.path().join("theirs.pem")).unwrap();
    let mut phone = phone::Phone::new();
    phone.store(
        RecordState::Queued,
        &domain::testdata::submission_on(1, today()),
    );
    let device = BackupDevice {
        device_id: 1,
        officer_id: 1,
    };
    let file = phone.backup(other.public(), device);
    let refused = lindungi_server::import_backup::open(&file, &city)
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains(&format!(
            "made for the city key {}, and this endpoint's key is {}",
            other.public().key_id,
            city.public().key_id
        )),
        "{refused}"
    );
    // A file that names our key but was made for another is refused as changed: the header is
    // the body's additional data.
    let ours = city.public().key_id.as_str();
    let forged = file.replacen(&other.public().key_id, ours, 1);
    let refused = lindungi_server::import_backup::open(&forged, &city)
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("does not open with this city's key"),
        "{refused}"
    );
}

both_backends! {
    async fn a_registration_whose_own_box_does_not_open_is_named_and_the_others_are_imported(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Cadangan").await;
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("backup-key.pem");
        let (city, _) = CityKeyPair::load_or_create(&key).unwrap();
        let mut phone = phone::Phone::new();
        let good: Vec<Submission> = (1..=2)
            .map(|seed| domain::testdata::submission_on(seed, today()))
            .collect();
        for submission in &good {
            phone.store(RecordState::Queued, submission);
        }
        // A record sealed under another data key: the phone wrote it so (the file itself is
        // whole), so it is named and the rest is received.
        let mut stranger = phone::Phone::new();
        let lost = domain::testdata::submission_on(3, today());
        stranger.store(RecordState::Queued, &lost);
        phone.records.extend(stranger.records);
        let file = dir.path().join("cadangan.lindungi");
        let made_by = BackupDevice { device_id: device.device_id, officer_id: device.officer_id };
        std::fs::write(&file, phone.backup(city.public(), made_by)).unwrap();

        let output = import(&s_url(&app), &key, &file);
        assert!(!output.status.success(), "an unread registration must not pass unnoticed");
        assert_eq!(app.stored().await, 2);
        let out = text(&output.stdout);
        assert!(out.contains(&format!("{}  not read:", lost.id)), "{out}");
        assert!(out.contains("2 accepted"), "{out}");
        let error = text(&output.stderr);
        assert!(error.contains("1 registrations of") && error.contains("could not be read"), "{error}");
    }

    async fn migrate_on_a_second_machine_makes_no_second_key_and_a_wrong_key_file_is_refused(backend) {
        let (url, _guard) = common::fresh_database(backend).await;
        let dir = tempfile::tempdir().unwrap();
        let migrate = |key: &Path| {
            Command::new(BIN)
                .args(["--database-url", &url, "--backup-key"])
                .arg(key)
                .arg("migrate")
                .stdin(Stdio::null())
                .output()
                .unwrap()
        };
        let first_machine = dir.path().join("a/backup-key.pem");
        let first = migrate(&first_machine);
        assert!(first.status.success(), "{}", text(&first.stderr));
        let (city, _) = CityKeyPair::load_or_create(&first_machine).unwrap();
        assert!(text(&first.stdout).contains(&format!("Backup key {} made", city.public().key_id)));

        // Another machine, without the file: nothing is made, and it says where the key is.
        let second_machine = dir.path().join("b/backup-key.pem");
        let second = migrate(&second_machine);
        assert!(second.status.success(), "{}", text(&second.stderr));
        assert!(!second_machine.exists(), "a second key pair was made");
        let said = text(&second.stdout);
        assert!(said.contains(&format!("The city's backup key is {}", city.public().key_id)), "{said}");
        assert!(said.contains("no other key was made"), "{said}");

        // A file holding another key is refused, naming both.
        let wrong = dir.path().join("c/backup-key.pem");
        let (other, _) = CityKeyPair::load_or_create(&wrong).unwrap();
        let refused = migrate(&wrong);
        assert!(!refused.status.success());
        let error = text(&refused.stderr);
        assert!(
            error.contains(&format!(
                "holds backup key {}, but the city's backup key is {}",
                other.public().key_id,
                city.public().key_id
            )),
            "{error}"
        );

        // Every process publishes the one the database records, made once.
        let db = lindungi_server::db::Db::open(&url).await.unwrap();
        let published = lindungi_server::backup_key::recorded(&db).await.unwrap();
        assert_eq!(published.as_ref(), Some(city.public()));
        let (made,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'backup_key_made' AND actor = 'cli'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(made, 1);
        db.pool.close().await;
    }

    async fn a_lost_key_is_replaced_on_purpose_and_the_old_file_no_longer_passes_as_the_citys(backend) {
        let (url, _guard) = common::fresh_database(backend).await;
        let dir = tempfile::tempdir().unwrap();
        let run = |key: &Path, command: &str| {
            Command::new(BIN)
                .args(["--database-url", &url, "--backup-key"])
                .arg(key)
                .arg(command)
                .stdin(Stdio::null())
                .output()
                .unwrap()
        };
        let old_file = dir.path().join("old.pem");
        assert!(run(&old_file, "migrate").status.success());
        let (old, _) = CityKeyPair::load_or_create(&old_file).unwrap();

        // Never over an existing file.
        let refused = run(&old_file, "replace-backup-key");
        assert!(!refused.status.success());
        assert!(text(&refused.stderr).contains("move it aside first"), "{}", text(&refused.stderr));

        let new_file = dir.path().join("new.pem");
        let replaced = run(&new_file, "replace-backup-key");
        assert!(replaced.status.success(), "{}", text(&replaced.stderr));
        let (new, _) = CityKeyPair::load_or_create(&new_file).unwrap();
        assert_ne!(new.public(), old.public());
        let said = text(&replaced.stdout);
        assert!(said.contains(&format!("It replaces key {}", old.public().key_id)), "{said}");
        let mode = std::fs::metadata(&new_file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);

        let db = lindungi_server::db::Db::open(&url).await.unwrap();
        let published = lindungi_server::backup_key::recorded(&db).await.unwrap();
        assert_eq!(published.as_ref(), Some(new.public()));
        let (kept,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM backup_keys WHERE retired_at IS NOT NULL")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(kept, 1, "the replaced key's record is kept");
        let (audited,): (String,) =
            sqlx::query_as("SELECT details FROM audit_log WHERE action = 'backup_key_replaced'")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert!(audited.contains(&old.public().key_id) && audited.contains(&new.public().key_id));
        db.pool.close().await;
        assert!(!run(&old_file, "migrate").status.success(), "the old file passed as the city's key");
        assert!(run(&new_file, "migrate").status.success());
    }
}

fn s_url(app: &TestApp) -> String {
    app.state.config.database_url.clone()
}

both_backends! {
    async fn the_city_key_is_published_and_given_with_every_enrollment(backend) {
        let key = CityKeyPair::generate().public().clone();
        let published = key.clone();
        let app = TestApp::with_config(backend, move |c| c.backup_key = Some(published)).await;
        let (status, body) = app.get_json("/api/v1/backup-key").await;
        assert_eq!(status, axum::http::StatusCode::OK, "{body}");
        assert_eq!(body["public_key"], key.public_key.as_str());
        assert_eq!(body["key_id"], key.key_id.as_str());
        // A P-256 point, uncompressed.
        assert_eq!(STANDARD.decode(&key.public_key).unwrap().len(), 65);
        let officer = lindungi_server::officers::create_officer(app.db(), "Sri", 7, false, app.now())
            .await
            .unwrap();
        let (status, _, enrolled) = app
            .call(
                axum::http::Method::POST,
                "/api/v1/devices",
                None,
                Some(json!({ "enrollment_code": officer.code, "device_name": "HP" })),
            )
            .await;
        assert_eq!(status, axum::http::StatusCode::CREATED);
        assert_eq!(enrolled["backup_key"]["key_id"], key.key_id.as_str());
    }
}

#[test]
fn migrate_makes_the_backup_key_once_readable_by_its_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("lindungi.db").display());
    let run = || {
        Command::new(BIN)
            .args(["--database-url", &url, "migrate"])
            .env_remove("LINDUNGI_BACKUP_KEY")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{}", text(&first.stderr));
    // Beside the SQLite file, by default.
    let key = dir.path().join("lindungi-backup-key.pem");
    let made = format!("made: {} (mode 600)", key.display());
    assert!(
        text(&first.stdout).contains(&made),
        "{}",
        text(&first.stdout)
    );
    let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let pem = std::fs::read(&key).unwrap();
    let second = run();
    assert!(second.status.success());
    assert!(!text(&second.stdout).contains("made:"));
    assert_eq!(
        std::fs::read(&key).unwrap(),
        pem,
        "the key is never replaced"
    );
}
