//! What the phone keeps for one registration, and the summary the screens list.

use domain::{FieldError, Nik, ReceiptNumber, StoredSubmission, Submission};
use serde::{Deserialize, Serialize};

/// Version of the stored envelope (the submission inside carries its own schema version).
pub const RECORD_VERSION: u32 = 1;

/// Where a registration is on its way to the city (`docs/architecture.md`, "A registration's states on the phone").
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
}

/// What is kept once the city confirmed a registration: enough to show and quote it,
/// none of the rest of the personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The participant's name.
    pub name: String,
    /// The NIK with all but its last four digits hidden.
    pub masked_nik: String,
    /// Kelurahan code, when the address is in the city.
    pub kelurahan: Option<String>,
    /// The city's receipt number.
    pub number: ReceiptNumber,
    /// When the draft was started (RFC 3339).
    pub created_at: String,
    /// When the city confirmed it (RFC 3339).
    pub confirmed_at: String,
}

/// The last thing that went wrong with this registration, for the officer to read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastError {
    /// A stable code (an API error code or an outcome such as `id_conflict`).
    pub code: String,
    /// Field errors from the city, shown next to their fields.
    #[serde(default)]
    pub fields: Vec<FieldError>,
}

/// One registration as stored under its own key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRecord {
    /// Envelope version ([`RECORD_VERSION`]).
    pub v: u32,
    /// Where it is.
    pub state: RecordState,
    /// The registration as entered; `None` once only the receipt is kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission: Option<Submission>,
    /// The city's receipt, once confirmed (or the existing one, for a duplicate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Receipt>,
    /// What went wrong last, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<LastError>,
    /// A short fingerprint of the NIK, kept after the NIK itself is dropped so a second
    /// registration of the same person on this phone can still be noticed.
    #[serde(default)]
    pub nik_key: Option<u64>,
}

/// The same envelope as read: the submission may be of an older schema version.
#[derive(Deserialize)]
pub(crate) struct StoredRecordAnyVersion {
    pub v: u32,
    pub state: RecordState,
    pub submission: Option<StoredSubmission>,
    pub receipt: Option<Receipt>,
    #[serde(default)]
    pub last_error: Option<LastError>,
    #[serde(default)]
    pub nik_key: Option<u64>,
}

impl StoredRecord {
    /// A record for a submission in `state`.
    pub fn new(state: RecordState, submission: Submission) -> Self {
        let nik_key = nik_key(&submission.form.participant.nik);
        Self {
            v: RECORD_VERSION,
            state,
            submission: Some(submission),
            receipt: None,
            last_error: None,
            nik_key,
        }
    }

    /// The registration's id.
    pub fn id(&self) -> Option<&str> {
        self.submission.as_ref().map(|s| s.id.as_str())
    }
}

/// FNV-1a over the NIK's digits: not a secret (a NIK has too little entropy for any hash
/// to hide it), only a way to notice the same NIK twice without keeping it after sync.
pub fn nik_key(input: &str) -> Option<u64> {
    let nik = Nik::parse(input).ok()?;
    Some(
        nik.as_str()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            }),
    )
}

/// The last four digits of a NIK as typed, for lists ("•••• 0001").
pub fn nik_last_four(input: &str) -> String {
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].to_owned()
}

/// What the lists and counts need of a record, kept in memory for every record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The registration's id.
    pub id: String,
    /// Where it is.
    pub state: RecordState,
    /// The participant's name (empty for a fresh draft).
    pub name: String,
    /// The NIK as typed while the record holds it (never shown; used by search).
    pub nik: String,
    /// Last four digits of the NIK.
    pub nik_last_four: String,
    /// See [`StoredRecord::nik_key`].
    pub nik_key: Option<u64>,
    /// Receipt number, once there is one.
    pub receipt: Option<String>,
    /// The last error's code, if any.
    pub last_error: Option<String>,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// Characters this record takes in storage (key and value).
    pub size: usize,
}

impl Summary {
    /// The summary of a record stored as `size` characters.
    pub fn of(id: &str, record: &StoredRecord, size: usize) -> Self {
        let (name, nik, updated_at) = match (&record.submission, &record.receipt) {
            (Some(s), _) => (
                s.form.participant.full_name.clone(),
                s.form.participant.nik.clone(),
                s.updated_at.clone(),
            ),
            (None, Some(r)) => (r.name.clone(), String::new(), r.confirmed_at.clone()),
            (None, None) => Default::default(),
        };
        let nik_last_four = match (&record.submission, &record.receipt) {
            (Some(_), _) => nik_last_four(&nik),
            (None, Some(r)) => nik_last_four(&r.masked_nik),
            (None, None) => String::new(),
        };
        Self {
            id: id.to_owned(),
            state: record.state,
            name,
            nik,
            nik_last_four,
            nik_key: record.nik_key,
            receipt: record.receipt.as_ref().map(|r| r.number.to_string()),
            last_error: record.last_error.as_ref().map(|e| e.code.clone()),
            updated_at,
            size,
        }
    }

    /// Does this record match a search by name or NIK?
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim();
        if query.is_empty() {
            return true;
        }
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty()
            && digits.len() == query.chars().filter(|c| !c.is_whitespace()).count()
        {
            let nik_digits: String = self.nik.chars().filter(char::is_ascii_digit).collect();
            return nik_digits.contains(&digits) || self.nik_last_four.ends_with(&digits);
        }
        self.name.to_lowercase().contains(&query.to_lowercase())
    }
}
