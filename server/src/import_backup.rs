//! `lindungi-server import-backup FILE`: a phone's backup file ("Cadangkan") opened with the
//! city's private key, and every registration in it that the officer saved received through the
//! same ingest as a batch from the phone — exactly once: a second import of the same file adds
//! nothing (`already_received`).
//!
//! The file is opened whole before anything is received (`domain::backup`, `docs/security.md`):
//! the body with the key agreed for the file, the data key with the key agreed for it, and each
//! registration with the data key. A file changed in any byte, or made for another city key,
//! opens nothing and is refused with a message that says which; nothing is received from it.
//! The body is authenticated as a whole, so a registration whose own box then does not open was
//! written so by the phone, not changed since: it is reported by id and the others are received.
//!
//! What is printed names registrations by id, with their outcome and receipt: never a name, a
//! NIK or anything else of the person.

use std::{io::Read, path::Path};

use domain::{
    Timestamp,
    backup::{
        BackupBody, BackupFile, BackupHeader, HKDF_INFO_DATA_KEY, HKDF_INFO_FILE, RecordState,
        RecordView, SEALED_RECORD_VERSION, SealedRecord,
    },
    wire::{IncomingBatch, MAX_BATCH_ITEMS, Outcome, StoredSubmission},
};

use crate::{
    audit::{self, Actor, Event},
    auth::Device,
    backup_key::{CityKeyPair, DoesNotOpen, data_key, open_box},
    db::Db,
    ingest,
};

/// Largest backup file read: 5,000 registrations on a phone take about 5 MB stored, a little
/// more in base64 inside the file. Anything far larger is not a phone's backup.
pub const MAX_BACKUP_BYTES: u64 = 64 * 1024 * 1024;

/// What a backup holds, opened: every registration the city may import, and what it cannot.
#[derive(Debug)]
pub struct Opened {
    /// The phone's enrollment, if it had one.
    pub device: Option<Device>,
    /// When the phone made the file (its clock).
    pub made_at: String,
    /// Every registration, in the phone's order.
    pub records: Vec<Found>,
    /// Other stored values the file carries (unreadable entries, a newer release's records, the
    /// koperasi book), by storage key: listed, not imported.
    pub other_keys: Vec<String>,
}

/// One registration found in a backup.
#[derive(Debug)]
pub struct Found {
    /// Its id.
    pub id: String,
    /// What became of it on the way in.
    pub content: Content,
}

/// A registration as read from the backup.
#[derive(Debug)]
pub enum Content {
    /// Read: its state on the phone and its registration (none once only a receipt is kept).
    Read {
        /// Where it was on the phone.
        state: RecordState,
        /// The registration (boxed: it is most of a record's size).
        submission: Option<Box<StoredSubmission>>,
    },
    /// Stored by a newer release of the app than this endpoint reads.
    Newer,
    /// Its box did not open or its content does not read.
    Unreadable,
}

/// Why a file was refused: nothing was received from it.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Not a backup file this program can read.
    #[error("{0}")]
    Format(#[from] domain::backup::BackupFormatError),
    /// Made for another city key.
    #[error(
        "the backup was made for the city key {made_for}, and this endpoint's key is {ours}: open \
         it with that key (--backup-key)"
    )]
    OtherKey {
        /// The key the file names.
        made_for: String,
        /// This endpoint's.
        ours: String,
    },
    /// The file does not open: a byte was changed, or it was not made for this key.
    #[error(
        "the backup does not open with this city's key: the file was changed after the phone \
         made it (or is damaged). Nothing was imported; ask for the phone's file again"
    )]
    Tampered,
    /// The phone's data key inside the file was wrapped for another city key than the file.
    #[error(
        "the phone's data key in this backup was wrapped for the city key {made_for}, and this \
         endpoint's key is {ours}: open it with that key (--backup-key)"
    )]
    DataKeyForOtherKey {
        /// The key the wrapped data key names.
        made_for: String,
        /// This endpoint's.
        ours: String,
    },
    /// The phone's data key inside the file does not open.
    #[error(
        "the phone's data key in this backup does not open with this city's key: its \
         registrations cannot be read. Nothing was imported"
    )]
    DataKey,
}

impl From<DoesNotOpen> for Refused {
    fn from(_: DoesNotOpen) -> Self {
        Refused::Tampered
    }
}

/// Opens a backup file's text with the city's key; every registration in it read, or the whole
/// file refused.
pub fn open(text: &str, key: &CityKeyPair) -> Result<Opened, Refused> {
    let file = BackupFile::split(text)?;
    let header: BackupHeader = serde_json::from_str(file.header_line)
        .map_err(|_| domain::backup::BackupFormatError::Header)?;
    header.check()?;
    // The header names the key the phone used: a file for another key is told apart before any
    // work (a header changed to name another key is refused here too; one changed to name ours
    // does not open below, the header being the body's additional data).
    if header.key_id != key.public().key_id {
        return Err(Refused::OtherKey {
            made_for: header.key_id,
            ours: key.public().key_id.clone(),
        });
    }
    let file_key = key.agree(&header.epk, HKDF_INFO_FILE)?;
    let compressed = open_box(&file_key, file.body, file.header_line.as_bytes())?;
    // Authenticated: from here on the content is what the phone wrote.
    let body: BackupBody =
        serde_json::from_slice(&inflate(&compressed).map_err(|_| Refused::Tampered)?)
            .map_err(|_| Refused::Tampered)?;
    let data = match &body.data_key {
        Some(wrap) => {
            if wrap.key_id != key.public().key_id {
                return Err(Refused::DataKeyForOtherKey {
                    made_for: wrap.key_id.clone(),
                    ours: key.public().key_id.clone(),
                });
            }
            let raw = key
                .agree(&wrap.epk, HKDF_INFO_DATA_KEY)
                .and_then(|wrap_key| open_box(&wrap_key, &wrap.sealed, &wrap.aad()))
                .map_err(|_| Refused::DataKey)?;
            Some(data_key(&raw).map_err(|_| Refused::DataKey)?)
        }
        None => None,
    };
    let mut records = Vec::with_capacity(body.records.len());
    for record in &body.records {
        let content = read_record(&record.id, &record.value, data.as_ref());
        records.push(Found {
            id: record.id.clone(),
            content,
        });
    }
    Ok(Opened {
        device: body.device.map(|d| Device {
            device_id: d.device_id,
            officer_id: d.officer_id,
        }),
        made_at: body.made_at,
        records,
        other_keys: body.entries.into_iter().map(|e| e.key).collect(),
    })
}

/// One stored record: sealed (opened with the data key), or in clear as an older release stored
/// it (versions 1 and 2, or none at all).
fn read_record(id: &str, value: &str, data: Option<&aes_gcm::Aes256Gcm>) -> Content {
    #[derive(serde::Deserialize)]
    struct Version {
        #[serde(default)]
        v: u32,
    }
    let Ok(Version { v }) = serde_json::from_str::<Version>(value) else {
        return Content::Unreadable;
    };
    if v > SEALED_RECORD_VERSION {
        return Content::Newer;
    }
    let plain: Vec<u8> = if v == SEALED_RECORD_VERSION {
        let opened = serde_json::from_str::<SealedRecord>(value)
            .ok()
            .zip(data)
            .and_then(|(sealed, data)| open_box(data, &sealed.sealed, &sealed.aad(id)).ok())
            .and_then(|compressed| inflate(&compressed).ok());
        match opened {
            Some(plain) => plain,
            None => return Content::Unreadable,
        }
    } else {
        value.as_bytes().to_vec()
    };
    match serde_json::from_slice::<RecordView>(&plain) {
        // A registration the officer saved must carry it; without it there is nothing to send.
        Ok(view) if view.state.is_imported() && view.submission.is_none() => Content::Unreadable,
        Ok(view) => Content::Read {
            state: view.state,
            submission: view.submission.map(Box::new),
        },
        Err(_) => Content::Unreadable,
    }
}

/// Raw DEFLATE (`domain::backup::COMPRESSION`), as the browser's `CompressionStream` writes it.
fn inflate(compressed: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(compressed)
        // A bomb cannot fill the disk or memory: no phone's record or backup is this large.
        .take(4 * MAX_BACKUP_BYTES)
        .read_to_end(&mut out)?;
    Ok(out)
}

/// What happened to one registration of a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The registration's id.
    pub id: String,
    /// What happened: the ingest's outcome, or why it was not sent.
    pub what: What,
}

/// What became of one registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// Received through the ingest, with this outcome.
    Received(Outcome),
    /// Not sent: a draft the officer never saved, or already confirmed by the city.
    Skipped(RecordState),
    /// Written by a newer release of the app.
    Newer,
    /// Could not be read.
    Unreadable,
}

/// Receives every importable registration of `opened` as sent by `device` at `now`, in batches
/// of at most [`MAX_BATCH_ITEMS`]; one line per registration, in the file's order.
pub async fn receive(
    db: &Db,
    device: Device,
    opened: Opened,
    now: Timestamp,
) -> anyhow::Result<Vec<Line>> {
    let mut lines: Vec<Line> = Vec::with_capacity(opened.records.len());
    let mut pending: Vec<(usize, StoredSubmission)> = Vec::new();
    for found in opened.records {
        let what = match found.content {
            Content::Read {
                state,
                submission: Some(submission),
            } if state.is_imported() => {
                pending.push((lines.len(), *submission));
                What::Skipped(state) // replaced by the outcome below
            }
            Content::Read { state, .. } => What::Skipped(state),
            Content::Newer => What::Newer,
            Content::Unreadable => What::Unreadable,
        };
        lines.push(Line { id: found.id, what });
    }
    for chunk in pending.chunks(MAX_BATCH_ITEMS) {
        let batch = IncomingBatch {
            registrations: chunk.iter().map(|(_, s)| s.clone()).collect(),
            // A backup carries no health report: the phone is not the one talking.
            health: None,
        };
        let arrival = batch.arrive(now).map_err(|e| {
            anyhow::anyhow!(
                "{e}: the backup comes from a newer release of the app; import it with that \
                 release of the endpoint. Nothing was imported from this batch"
            )
        })?;
        // Not a sighting: the phone is not the one talking.
        let (results, _) = ingest::receive_batch(db, device, arrival.submissions.into(), now, None)
            .await
            .map_err(|e| anyhow::anyhow!("the registrations could not be stored: {e:?}"))?;
        for ((at, _), result) in chunk.iter().zip(results) {
            let line = &mut lines[*at];
            // The id the city stored it under is the registration's own; a phone keeps each
            // under that id, so the two differ only in a damaged record: it is named as the city
            // knows it, so that the line can be found on the dashboard.
            if result.id != line.id {
                line.id = result.id;
            }
            line.what = What::Received(result.outcome);
        }
    }
    Ok(lines)
}

/// The device a backup's registrations are received as: the phone's own, if the city knows it.
async fn device_of(db: &Db, opened: &Opened) -> anyhow::Result<Device> {
    let device = opened.device.ok_or_else(|| {
        anyhow::anyhow!(
            "the phone that made this backup was never enrolled: its registrations name no \
             device or officer. Enroll it, or ask the city's staff"
        )
    })?;
    let known: Option<(i64,)> =
        sqlx::query_as("SELECT officer_id FROM devices WHERE id = $1 AND officer_id = $2")
            .bind(device.device_id)
            .bind(device.officer_id)
            .fetch_optional(&db.pool)
            .await?;
    anyhow::ensure!(
        known.is_some(),
        "the backup names device {} of officer {}, which this endpoint does not know: it was \
         made for another city's endpoint, or another database",
        device.device_id,
        device.officer_id
    );
    Ok(device)
}

/// The audit trail's entry for an import: counts only.
async fn record(db: &Db, device: Device, lines: &[Line], now: Timestamp) -> anyhow::Result<()> {
    let count = |f: fn(&What) -> bool| lines.iter().filter(|l| f(&l.what)).count() as u64;
    let accepted = count(|w| matches!(w, What::Received(Outcome::Accepted { .. })));
    let already_received = count(|w| matches!(w, What::Received(Outcome::AlreadyReceived { .. })));
    let event = Event::BackupImported {
        device_id: device.device_id,
        officer_id: device.officer_id,
        accepted,
        already_received,
        other: lines.len() as u64 - accepted - already_received,
    };
    audit::record(&db.pool, now.unix_millis(), &Actor::Cli, None, &event).await?;
    Ok(())
}

/// The one line printed for a registration: id, then what happened — never personal data.
pub fn describe(line: &Line) -> String {
    let what = match &line.what {
        What::Received(Outcome::Accepted { receipt }) => format!("accepted {receipt}"),
        What::Received(Outcome::AlreadyReceived { receipt }) => {
            format!("already_received {receipt}")
        }
        What::Received(Outcome::DuplicateNik { receipt }) => {
            format!("duplicate_nik (the city holds this NIK under {receipt})")
        }
        What::Received(Outcome::IdConflict) => {
            "id_conflict (the city holds different content under this id)".to_owned()
        }
        What::Received(Outcome::Rejected { errors }) => {
            let codes: Vec<String> = errors.iter().map(ToString::to_string).collect();
            format!("rejected ({})", codes.join(", "))
        }
        What::Skipped(RecordState::Draft) => "not sent: a draft the officer never saved".to_owned(),
        What::Skipped(RecordState::Synced) => "not sent: the city confirmed it already".to_owned(),
        What::Skipped(state) => format!("not sent ({})", state.as_str()),
        What::Newer => {
            "not read: stored by a newer release of the app (import with that release)".to_owned()
        }
        What::Unreadable => {
            "not read: the phone's entry does not open or does not read as a registration"
                .to_owned()
        }
    };
    // The id comes from the file: anything but plain text is shown escaped, never sent to the
    // terminal as it is.
    format!("{}  {what}", line.id.escape_debug())
}

/// The command: reads, opens, receives, prints.
pub async fn run(db: &Db, key: &CityKeyPair, file: &Path, now: Timestamp) -> anyhow::Result<()> {
    let size = std::fs::metadata(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?
        .len();
    anyhow::ensure!(
        size <= MAX_BACKUP_BYTES,
        "{} is {size} bytes: not a phone's backup",
        file.display()
    );
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "{}: {}",
            file.display(),
            domain::backup::BackupFormatError::Shape
        )
    })?;
    let opened = open(&text, key).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let device = device_of(db, &opened).await?;
    let (made_at, others) = (opened.made_at.clone(), opened.other_keys.clone());
    let lines = receive(db, device, opened, now).await?;
    record(db, device, &lines, now).await?;
    // When the phone says it made the file, by its clock: shown only if it reads as a time.
    let made = Timestamp::parse(&made_at).map_or_else(
        |_| "at a time the file does not say readably".to_owned(),
        |at| format!("{at}"),
    );
    println!(
        "Backup of device {} (officer {}), made {made}: {} registrations.",
        device.device_id,
        device.officer_id,
        lines.len()
    );
    for line in &lines {
        println!("{}", describe(line));
    }
    let count = |f: fn(&What) -> bool| lines.iter().filter(|l| f(&l.what)).count();
    println!(
        "{} accepted, {} already received, {} need the staff (duplicate, conflict, rejected), {} not sent, {} not read.",
        count(|w| matches!(w, What::Received(Outcome::Accepted { .. }))),
        count(|w| matches!(w, What::Received(Outcome::AlreadyReceived { .. }))),
        count(|w| matches!(
            w,
            What::Received(
                Outcome::DuplicateNik { .. } | Outcome::IdConflict | Outcome::Rejected { .. }
            )
        )),
        count(|w| matches!(w, What::Skipped(_))),
        count(|w| matches!(w, What::Newer | What::Unreadable)),
    );
    if !others.is_empty() {
        println!(
            "The file also holds {} other stored values, not imported: {}.",
            others.len(),
            others
                .iter()
                .map(|key| key.escape_debug().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // Everything readable was received; what was not must not pass unnoticed in a script.
    let unread = count(|w| matches!(w, What::Newer | What::Unreadable));
    anyhow::ensure!(
        unread == 0,
        "{unread} registrations of {} could not be read (listed above by id); the others were \
         imported. Keep the file",
        file.display()
    );
    Ok(())
}
