//! What the phone stores encrypted, and the backup file only the city can open: the formats both
//! sides read, their versions and the names of their algorithms (`docs/security.md`).
//!
//! This module holds types and constants only. The phone does the cryptography with the
//! browser's WebCrypto, the endpoint with RustCrypto; both follow what is written here:
//!
//! - **The data key**: AES-256-GCM, random, one per phone. Every stored value holding personal
//!   data is a *box*: standard base64 of a 12-byte random nonce followed by the AES-GCM
//!   ciphertext and tag of the value compressed with raw DEFLATE ([`COMPRESSION`]).
//! - **A stored registration** is a [`SealedRecord`]: its state, schema version and summary tag
//!   in clear (what the counts and the compare-and-write need), the record itself in the box,
//!   bound to all of them by the additional data [`SealedRecord::aad`]. Inside the box is the
//!   record as the app serializes it, of which the city reads a [`RecordView`].
//! - **The city's copy of the data key** is a [`CityWrap`]: ECDH on P-256 between a fresh
//!   ephemeral key and the city's public key ([`crate::wire::CityKey`]), HKDF-SHA-256 over the
//!   shared secret with [`HKDF_SALT`] and [`HKDF_INFO_DATA_KEY`], and AES-256-GCM over the raw
//!   data key.
//! - **The backup file** ([`BackupFile`]): one line of [`BackupHeader`] in clear, one line that
//!   is a box: the [`BackupBody`] compressed and encrypted under a key agreed the same way with the
//!   header's ephemeral key ([`HKDF_INFO_FILE`]), with the header line as additional data. Making it needs no PIN; any
//!   byte changed anywhere makes it refuse to open.

use serde::{Deserialize, Serialize};

use crate::wire::StoredSubmission;

/// The version of a stored registration that is encrypted ([`SealedRecord`]). Versions 1 and 2
/// were written in clear by earlier releases; the phone reads them and encrypts them in place.
pub const SEALED_RECORD_VERSION: u32 = 3;
/// What a box's plaintext is compressed with before it is encrypted (the browser's
/// `CompressionStream` name; the phone's `miniz_oxide` for small values and `flate2`'s
/// `DeflateDecoder` at the city write and read the same format).
pub const COMPRESSION: &str = "deflate-raw";
/// Bytes of the random nonce at the start of every box (AES-GCM's standard 96 bits).
pub const NONCE_BYTES: usize = 12;
/// Bytes of an AES-256 key.
pub const KEY_BYTES: usize = 32;
/// The algorithm of the data key and of every box.
pub const DATA_ALG: &str = "A256GCM";
/// How the data key is wrapped for the city ([`CityWrap::alg`], [`BackupHeader::alg`]).
pub const CITY_WRAP_ALG: &str = "ECDH-P256+HKDF-SHA256+A256GCM";
/// HKDF's salt for every key agreed with the city's key: fixed, and versioned with the format.
pub const HKDF_SALT: &str = "lindungi.backup.v1";
/// HKDF's info for the key that wraps the data key ([`CityWrap`]).
pub const HKDF_INFO_DATA_KEY: &str = "lindungi data key for the city v1";
/// HKDF's info for the key that encrypts a backup file's body ([`BackupFile`]).
pub const HKDF_INFO_FILE: &str = "lindungi backup file v1";
/// What a backup file says it is ([`BackupHeader::kind`]).
pub const BACKUP_KIND: &str = "lindungi-backup";
/// The backup file's version. Version 1 was the first releases' clear JSON, which nothing
/// reads any more (it held every registration in clear).
pub const BACKUP_VERSION: u32 = 2;

/// Where a registration is on its way to the city: the kind of a stored record, without its
/// data. Kept in clear beside the box, for the counts and the compare-and-write, and read by the
/// city to know what a backup holds unsent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    /// Being filled in; saved as it is typed.
    Draft,
    /// Complete and valid; waiting to be sent.
    Queued,
    /// In a batch on its way; a tab that dies leaves it here and it is sent again.
    Sending,
    /// The city has it; only the receipt is kept.
    Synced,
    /// The city rejected a field; the officer must fix it.
    NeedsFix,
    /// The NIK is already registered in the city under another registration.
    DuplicateElsewhere,
    /// The city holds different content under this id: needs someone to look at it.
    IdConflict,
}

impl RecordState {
    /// Not yet confirmed by the city (the backup file holds these).
    pub fn is_unsent(self) -> bool {
        !matches!(self, RecordState::Synced)
    }

    /// The officer may still change it.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            RecordState::Draft | RecordState::Queued | RecordState::NeedsFix
        )
    }

    /// The sync engine sends it: waiting, or left `sending` by a tab that died.
    pub fn is_sendable(self) -> bool {
        matches!(self, RecordState::Queued | RecordState::Sending)
    }

    /// The city answered something the officer has to act on.
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            RecordState::NeedsFix | RecordState::DuplicateElsewhere | RecordState::IdConflict
        )
    }

    /// The city imports it from a backup: everything the officer saved and the city has not
    /// confirmed. A draft was never saved ("Simpan"): it is listed, not sent.
    pub fn is_imported(self) -> bool {
        self.is_unsent() && self != RecordState::Draft
    }

    /// Its name in storage and in messages (`queued`, `needs_fix` …).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordState::Draft => "draft",
            RecordState::Queued => "queued",
            RecordState::Sending => "sending",
            RecordState::Synced => "synced",
            RecordState::NeedsFix => "needs_fix",
            RecordState::DuplicateElsewhere => "duplicate_elsewhere",
            RecordState::IdConflict => "id_conflict",
        }
    }
}

/// A registration as the phone stores it once encrypted:
/// `{"v":3,"state":"queued","schema":1,"sum":"…","box":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedRecord {
    /// [`SEALED_RECORD_VERSION`]; a newer number is a newer release's record, left alone.
    pub v: u32,
    /// Its state (not personal data).
    pub state: RecordState,
    /// The schema version of the registration inside, when it holds one (a synced record keeps
    /// only a receipt): a newer release's registration is recognised without opening it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<u32>,
    /// A random tag that changes whenever what the list shows of the record changes: the list
    /// kept in the index pages is up to date for this record when it holds the same tag.
    pub sum: String,
    /// The record, compressed and encrypted under the data key (nonce ‖ ciphertext, base64).
    #[serde(rename = "box")]
    pub sealed: String,
}

impl SealedRecord {
    /// The additional data its box is encrypted with: the registration's id and every clear
    /// field, so that none can be changed, and no box moved to another id, without the box
    /// failing to open.
    pub fn aad(&self, id: &str) -> Vec<u8> {
        let schema = self.schema.map(|s| s.to_string()).unwrap_or_default();
        format!(
            "lindungi.reg.v{}\n{id}\n{}\n{schema}\n{}",
            self.v,
            self.state.as_str(),
            self.sum
        )
        .into_bytes()
    }
}

/// What the city reads of a record inside a box (or of a record an older release stored in
/// clear): its state and its registration. Every other field is the phone's own.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RecordView {
    /// Where it was on the phone.
    pub state: RecordState,
    /// The registration, in whichever schema it was written (none once only a receipt is kept).
    #[serde(default)]
    pub submission: Option<StoredSubmission>,
}

/// The data key wrapped for the city ([`CITY_WRAP_ALG`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityWrap {
    /// [`CITY_WRAP_ALG`].
    pub alg: String,
    /// The city key it was made for ([`crate::wire::CityKey::key_id`]).
    pub key_id: String,
    /// The ephemeral public key: P-256, uncompressed, base64.
    pub epk: String,
    /// The raw data key encrypted with the agreed key (nonce ‖ ciphertext, base64; not
    /// compressed).
    #[serde(rename = "box")]
    pub sealed: String,
}

impl CityWrap {
    /// The additional data of its box: the algorithm and the key it was made for.
    pub fn aad(&self) -> Vec<u8> {
        format!("lindungi.data-key\n{}\n{}", self.alg, self.key_id).into_bytes()
    }
}

/// The clear first line of a backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupHeader {
    /// [`BACKUP_KIND`].
    pub kind: String,
    /// [`BACKUP_VERSION`].
    pub version: u32,
    /// [`CITY_WRAP_ALG`]: how the body's key is agreed.
    pub alg: String,
    /// The city key the file was made for.
    pub key_id: String,
    /// The ephemeral public key of this file: P-256, uncompressed, base64.
    pub epk: String,
}

/// A backup file's content, inside its encrypted second line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupBody {
    /// When the phone made it (RFC 3339, the phone's clock).
    pub made_at: String,
    /// The phone's enrollment, when it has one: the city imports its registrations as sent by
    /// this device and officer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<BackupDevice>,
    /// The data key, wrapped for the city; none on a phone whose officer has not yet chosen a
    /// PIN (its registrations are then in clear inside the body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_key: Option<CityWrap>,
    /// Every registration on the phone, as stored.
    pub records: Vec<BackupRecord>,
    /// Other stored values, as stored: entries the phone could not read, registrations a newer
    /// release wrote, the koperasi book. Listed by the city, not imported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<BackupEntry>,
}

/// One registration in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRecord {
    /// Its id.
    pub id: String,
    /// The stored text: a [`SealedRecord`], or a record an older release stored in clear.
    pub value: String,
}

/// Any other stored value in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupEntry {
    /// Its storage key.
    pub key: String,
    /// The stored text.
    pub value: String,
}

/// The enrollment of the phone that made a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupDevice {
    /// The endpoint's id of the phone.
    pub device_id: i64,
    /// Its officer.
    pub officer_id: i64,
}

/// A backup file as text: the header line, a newline, the body line, a newline. The caller
/// reads the header line as JSON ([`BackupHeader`]) and checks it ([`BackupHeader::check`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupFile<'a> {
    /// The header line exactly as in the file: the body's additional data.
    pub header_line: &'a str,
    /// The body: a box (nonce ‖ ciphertext, base64).
    pub body: &'a str,
}

/// Why a file is not a backup this code can open, before any key is used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupFormatError {
    /// Not two lines each ending in a newline.
    #[error("not a Lindungi backup file (expected a header line and a body line)")]
    Shape,
    /// The first line is not a backup header.
    #[error("not a Lindungi backup file (the first line is not a backup header)")]
    Header,
    /// A backup of another version.
    #[error("a Lindungi backup of version {0}; this program reads version {BACKUP_VERSION}")]
    Version(u32),
    /// Made with an algorithm this code does not know.
    #[error("a backup made with {0}, which this program does not know")]
    Algorithm(String),
}

impl<'a> BackupFile<'a> {
    /// Splits `text` into its two lines; nothing is read or opened yet.
    pub fn split(text: &'a str) -> Result<Self, BackupFormatError> {
        let lines: Vec<&str> = text.split('\n').collect();
        let [header_line, body, ""] = lines[..] else {
            return Err(BackupFormatError::Shape);
        };
        Ok(BackupFile { header_line, body })
    }

    /// The file's text for a header line and a body (nonce ‖ ciphertext, base64).
    pub fn join(header_line: &str, body: &str) -> String {
        format!("{header_line}\n{body}\n")
    }
}

impl BackupHeader {
    /// Whether this code can open a file with this header: the kind, the version and the
    /// algorithm it knows.
    pub fn check(&self) -> Result<(), BackupFormatError> {
        if self.kind != BACKUP_KIND {
            return Err(BackupFormatError::Header);
        }
        if self.version != BACKUP_VERSION {
            return Err(BackupFormatError::Version(self.version));
        }
        if self.alg != CITY_WRAP_ALG {
            return Err(BackupFormatError::Algorithm(self.alg.clone()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed() -> SealedRecord {
        SealedRecord {
            v: SEALED_RECORD_VERSION,
            state: RecordState::Queued,
            schema: Some(1),
            sum: "Qx7Ab2Zk".into(),
            sealed: "AAAA".into(),
        }
    }

    #[test]
    fn a_sealed_record_is_stored_with_its_state_schema_and_tag_in_clear() {
        let json = serde_json::to_string(&sealed()).unwrap();
        assert_eq!(
            json,
            r#"{"v":3,"state":"queued","schema":1,"sum":"Qx7Ab2Zk","box":"AAAA"}"#
        );
        assert_eq!(
            serde_json::from_str::<SealedRecord>(&json).unwrap(),
            sealed()
        );
    }

    #[test]
    fn the_additional_data_changes_with_the_id_and_every_clear_field() {
        let base = sealed();
        let aad = base.aad("id-1");
        assert_ne!(aad, base.aad("id-2"));
        let mut other = base.clone();
        other.state = RecordState::Synced;
        assert_ne!(aad, other.aad("id-1"));
        let mut other = base.clone();
        other.schema = Some(2);
        assert_ne!(aad, other.aad("id-1"));
        let mut other = base.clone();
        other.sum = "different".into();
        assert_ne!(aad, other.aad("id-1"));
        // The box itself is not additional data: it is what is authenticated.
        let mut other = base;
        other.sealed = "BBBB".into();
        assert_eq!(aad, other.aad("id-1"));
    }

    #[test]
    fn the_city_reads_state_and_registration_and_ignores_the_phones_own_fields() {
        let view: RecordView = serde_json::from_str(
            r#"{"state":"queued","submission":{"id":"x","nik":"3576014101900001","nama":"A"},
                "last_failure":"sync.network"}"#,
        )
        .unwrap();
        assert_eq!(view.state, RecordState::Queued);
        assert!(matches!(view.submission, Some(StoredSubmission::V0(_))));
        let receipt: RecordView =
            serde_json::from_str(r#"{"v":2,"state":"synced","receipt":{"number":"x"}}"#).unwrap();
        assert_eq!(receipt.submission, None);
    }

    #[test]
    fn only_what_the_officer_saved_and_the_city_lacks_is_imported() {
        assert!(RecordState::Queued.is_imported());
        assert!(RecordState::Sending.is_imported());
        assert!(RecordState::NeedsFix.is_imported());
        assert!(!RecordState::Draft.is_imported());
        assert!(!RecordState::Synced.is_imported());
    }

    fn header() -> BackupHeader {
        BackupHeader {
            kind: BACKUP_KIND.into(),
            version: BACKUP_VERSION,
            alg: CITY_WRAP_ALG.into(),
            key_id: "0011223344556677".into(),
            epk: "BA==".into(),
        }
    }

    #[test]
    fn a_backup_file_is_a_header_line_and_a_body_line() {
        let line = serde_json::to_string(&header()).unwrap();
        let text = BackupFile::join(&line, "Ym9keQ==");
        let file = BackupFile::split(&text).unwrap();
        assert_eq!(file.header_line, line);
        assert_eq!(file.body, "Ym9keQ==");
        let read: BackupHeader = serde_json::from_str(file.header_line).unwrap();
        assert_eq!(read.check(), Ok(()));
    }

    #[test]
    fn anything_but_two_lines_of_a_known_backup_is_refused_before_any_key_is_used() {
        assert_eq!(
            BackupFile::split("{}\nYm9keQ=="),
            Err(BackupFormatError::Shape)
        );
        assert_eq!(
            BackupFile::split("{}\nYm9keQ==\n\n"),
            Err(BackupFormatError::Shape)
        );
        let mut other = header();
        other.kind = "x".into();
        assert_eq!(other.check(), Err(BackupFormatError::Header));
        let mut v1 = header();
        v1.version = 1;
        assert_eq!(v1.check(), Err(BackupFormatError::Version(1)));
        let mut rsa = header();
        rsa.alg = "RSA-OAEP".into();
        assert_eq!(
            rsa.check(),
            Err(BackupFormatError::Algorithm("RSA-OAEP".into()))
        );
    }
}
