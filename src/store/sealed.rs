//! A registration as stored once encrypted: a `domain::backup::SealedRecord` (version 3), whose
//! box holds the record exactly as [`super::format::encode`] writes it in clear — the text of
//! which the city reads a `domain::backup::RecordView` when it opens a backup.
//!
//! What stays in clear is what is not personal data and what the store must know without the
//! key: the state (the counts, and whether a form may still write over it), the schema version
//! (a newer release's record is recognised unopened), and a random tag that changes with what
//! the list shows. All three, and the id, are the box's additional data: none can be changed,
//! and no box moved to another id, without the box refusing to open.
//!
//! The store encrypts in place what earlier releases stored in clear as it opens at unlock
//! (`Store::open`), one record at a time: each record is either clear or sealed at every moment,
//! both read, so a crash anywhere leaves every record readable and the next unlock carries on
//! where it stopped.
//!
//! The cryptography is behind [`Cipher`]: the app's [`crate::crypto::DataKey`], a fake in the
//! plain native tests.

use std::future::Future;

use domain::backup::{RecordState, SEALED_RECORD_VERSION, SealedRecord};
use serde::{Deserialize, Serialize};

use super::{
    StoredRecord,
    format::{self, Decoded},
};
use crate::crypto::{CryptoError, DataKey};

/// What seals and opens boxes (the data key in the app).
pub trait Cipher {
    /// A box of `plain` with `aad` as additional data.
    fn seal(&self, plain: &[u8], aad: &[u8]) -> impl Future<Output = Result<String, CryptoError>>;
    /// What a box holds, if it opens with this key and `aad`.
    fn open(&self, sealed: &str, aad: &[u8]) -> impl Future<Output = Result<Vec<u8>, CryptoError>>;
    /// A fresh random tag for [`SealedRecord::sum`].
    fn tag(&self) -> String;
}

impl Cipher for DataKey {
    fn seal(&self, plain: &[u8], aad: &[u8]) -> impl Future<Output = Result<String, CryptoError>> {
        DataKey::seal(self, plain, aad)
    }
    fn open(&self, sealed: &str, aad: &[u8]) -> impl Future<Output = Result<Vec<u8>, CryptoError>> {
        DataKey::open(self, sealed, aad)
    }
    fn tag(&self) -> String {
        use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
        URL_SAFE_NO_PAD.encode(crate::crypto::random_bytes(6))
    }
}

/// What a stored value is, read without the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Peeked {
    /// Written in clear by an earlier release (or unreadable): [`format::decode`] reads it.
    Clear,
    /// Encrypted: its clear fields, and its box.
    Sealed(SealedRecord),
    /// An envelope version newer than this code writes: left alone.
    Newer(u32),
}

/// The envelope version `v` of a stored value, if it has one (a clear record of an earlier
/// release may too: only [`SEALED_RECORD_VERSION`] and above are envelopes).
fn envelope_version(raw: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Version {
        v: u32,
    }
    serde_json::from_str::<Version>(raw).ok().map(|x| x.v)
}

/// Tells a sealed record from a clear one, without the key.
pub fn peek(raw: &str) -> Peeked {
    match envelope_version(raw) {
        Some(SEALED_RECORD_VERSION) => match serde_json::from_str(raw) {
            Ok(sealed) => Peeked::Sealed(sealed),
            // A version 3 envelope that does not read is unreadable, as in clear.
            Err(_) => Peeked::Clear,
        },
        Some(v) if v > SEALED_RECORD_VERSION => Peeked::Newer(v),
        _ => Peeked::Clear,
    }
}

/// The clear fields of a sealed record, read without the box (which is skipped, not copied).
#[derive(Debug, Deserialize)]
pub struct SealedHead {
    /// Its state.
    pub state: RecordState,
    /// The schema version inside, if it holds a registration.
    #[serde(default)]
    pub schema: Option<u32>,
    /// The list's tag.
    pub sum: String,
    /// The box must be there; it is skipped, not read.
    #[serde(rename = "box")]
    _sealed: serde::de::IgnoredAny,
}

/// What a stored value is, read without the key and without copying a box: what the unlock
/// needs of the thousands of records a page already summarises.
#[derive(Debug)]
pub enum Head {
    /// Sealed in this release's envelope.
    Sealed(SealedHead),
    /// In clear (an earlier release's, or unreadable).
    Clear,
    /// A newer release's envelope.
    Newer,
}

/// Reads the head of a stored value, as [`peek`] reads it whole (the box and any other field
/// are skipped by the parser, never copied).
pub fn peek_head(raw: &str) -> Head {
    match envelope_version(raw) {
        Some(SEALED_RECORD_VERSION) => match serde_json::from_str::<SealedHead>(raw) {
            Ok(head) => Head::Sealed(head),
            // A version 3 envelope that does not read is unreadable, as in clear.
            Err(_) => Head::Clear,
        },
        Some(v) if v > SEALED_RECORD_VERSION => Head::Newer,
        _ => Head::Clear,
    }
}

/// The state of a stored value, read without the key; `None` if it does not read or was written
/// by a newer release.
pub fn state_of(raw: &str) -> Option<RecordState> {
    match peek(raw) {
        Peeked::Sealed(sealed) => Some(sealed.state),
        Peeked::Clear => format::decode(raw).record().map(|r| r.state()),
        Peeked::Newer(_) => None,
    }
}

/// The text stored for `record` under `id`: sealed under `cipher`, with the list's tag `sum`.
pub async fn seal(
    cipher: &impl Cipher,
    id: &str,
    record: &StoredRecord,
    sum: String,
) -> Result<String, CryptoError> {
    let mut sealed = SealedRecord {
        v: SEALED_RECORD_VERSION,
        state: record.state(),
        schema: record.submission().map(|s| s.schema_version),
        sum,
        sealed: String::new(),
    };
    let aad = sealed.aad(id);
    sealed.sealed = cipher.seal(format::encode(record).as_bytes(), &aad).await?;
    Ok(serde_json::to_string(&sealed).expect("a sealed record serializes"))
}

/// Reads a stored value of any version: a sealed one is opened under `cipher`. A box that does
/// not open (another key, a changed byte) is [`Decoded::Unreadable`], as is one whose clear
/// state differs from the record inside.
pub async fn open(cipher: &impl Cipher, id: &str, raw: &str) -> Decoded {
    let sealed = match peek(raw) {
        Peeked::Clear => return format::decode(raw),
        Peeked::Newer(v) => return Decoded::Newer(format::Newer::Envelope(v)),
        Peeked::Sealed(sealed) => sealed,
    };
    let Ok(plain) = cipher.open(&sealed.sealed, &sealed.aad(id)).await else {
        return Decoded::Unreadable;
    };
    let Ok(text) = String::from_utf8(plain) else {
        return Decoded::Unreadable;
    };
    let decoded = format::decode(&text);
    match &decoded {
        Decoded::Current(record) | Decoded::Migrated(record) if record.state() != sealed.state => {
            Decoded::Unreadable
        }
        _ => decoded,
    }
}

/// An entry kept aside as unreadable (`keys::quarantine`), sealed as it was found:
/// `{"kept":1,"box":…}`. Whatever it holds (a damaged registration of an earlier release may
/// hold a name or a NIK in clear) is then as protected as a registration; the backup carries it
/// as stored (the data key the backup wraps for the city opens it; no tool of the city's does
/// yet).
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    kept: u32,
    #[serde(rename = "box")]
    sealed: String,
}

/// The additional data of the kept entry under storage key `key`.
fn kept_aad(key: &str) -> Vec<u8> {
    format!("lindungi.kept.v1\n{key}").into_bytes()
}

/// Whether `raw` is an entry kept aside already sealed.
pub fn is_kept(raw: &str) -> bool {
    serde_json::from_str::<Kept>(raw).is_ok_and(|k| k.kept == 1)
}

/// `raw`, an entry kept aside under storage key `key`, sealed under `cipher`.
pub async fn seal_kept(cipher: &impl Cipher, key: &str, raw: &str) -> Result<String, CryptoError> {
    let sealed = cipher.seal(raw.as_bytes(), &kept_aad(key)).await?;
    Ok(serde_json::to_string(&Kept { kept: 1, sealed }).expect("a kept entry serializes"))
}

/// What a kept entry held when it was set aside, if it opens under `cipher`.
pub async fn open_kept(cipher: &impl Cipher, key: &str, raw: &str) -> Option<String> {
    let kept: Kept = serde_json::from_str(raw).ok()?;
    let plain = cipher.open(&kept.sealed, &kept_aad(key)).await.ok()?;
    String::from_utf8(plain).ok()
}
