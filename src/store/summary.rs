//! What the lists and counts need of a record, kept in memory for every record so that the
//! home screen and the list never read storage.

use domain::nik::last_four as nik_last_four;

use super::record::{RecordState, StoredRecord};

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
