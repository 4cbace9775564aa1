//! What the lists and counts need of a record, kept in memory for every record so that the
//! home screen and the list never read storage.

use domain::nik::last_four as nik_last_four;

use super::{
    pages::ListEntry,
    record::{RecordState, StoredRecord, nik_key},
};

/// One record as the lists show it.
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
    /// The last error's code, if any (see [`StoredRecord::last_error_code`]).
    pub last_error: Option<String>,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// Characters this record takes in storage (key and value).
    pub size: usize,
}

impl Summary {
    /// The summary of a record stored as `size` characters.
    pub fn of(id: &str, record: &StoredRecord, size: usize) -> Self {
        let (name, nik, nik_last_four, updated_at) = match (record.submission(), record) {
            (Some(s), _) => (
                s.form.participant.full_name.clone(),
                s.form.participant.nik.clone(),
                nik_last_four(&s.form.participant.nik),
                s.updated_at.clone(),
            ),
            (None, StoredRecord::Synced { receipt, .. }) => (
                receipt.name.clone(),
                String::new(),
                nik_last_four(&receipt.masked_nik),
                receipt.confirmed_at.clone(),
            ),
            (None, _) => Default::default(),
        };
        Self {
            id: id.to_owned(),
            state: record.state(),
            name,
            nik,
            nik_last_four,
            nik_key: record.nik_key(),
            receipt: record.receipt().map(|r| r.number.to_string()),
            last_error: record.last_error_code().map(str::to_owned),
            updated_at,
            size,
        }
    }

    /// The summary a sealed index page keeps of a record stored as `size` characters in
    /// `state` (both read from the stored record without the key).
    pub fn from_entry(id: &str, entry: ListEntry, state: RecordState, size: usize) -> Self {
        let (nik_last_four, key) = if entry.nik.is_empty() {
            (entry.nik_last_four, entry.nik_key)
        } else {
            (nik_last_four(&entry.nik), nik_key(&entry.nik))
        };
        Self {
            id: id.to_owned(),
            state,
            name: entry.name,
            nik: entry.nik,
            nik_last_four,
            nik_key: key,
            receipt: entry.receipt,
            last_error: entry.last_error,
            updated_at: entry.updated_at,
            size,
        }
    }

    /// What a sealed index page keeps of this summary, made from the record tagged `sum`.
    pub fn entry(&self, sum: &str) -> ListEntry {
        // What the NIK gives is not kept twice.
        let from_nik = !self.nik.is_empty();
        ListEntry {
            sum: sum.to_owned(),
            name: self.name.clone(),
            nik: self.nik.clone(),
            nik_last_four: if from_nik {
                String::new()
            } else {
                self.nik_last_four.clone()
            },
            nik_key: if from_nik { None } else { self.nik_key },
            receipt: self.receipt.clone(),
            last_error: self.last_error.clone(),
            updated_at: self.updated_at.clone(),
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
