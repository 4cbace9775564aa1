//! The audit trail: who created or revoked officers, devices and admin tokens, who signed in to
//! the dashboard and from where, who took which hand-over file with which filters and how many
//! rows. Kept in the database (`audit_log`), shown on the dashboard, written in the same
//! transaction as the change it records where there is one.
//!
//! Never personal data: an [`Event`] holds ids, token labels, file names, filters (days and a
//! kelurahan) and counts — no NIK, no participant's or officer's name, no phone. The types say
//! so: no field of an event can hold a registration's content.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor};

use crate::db::Db;

/// Entries the dashboard shows, newest first: a few weeks of a city's chores.
pub const SHOWN: i64 = 100;

/// Who did it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// Someone at the server's command line (`lindungi-server …`).
    Cli,
    /// The holder of the admin token with this label (the dashboard, or the API with a bearer).
    Admin {
        /// The token's label.
        label: String,
    },
    /// A phone using this officer's enrollment code.
    Officer {
        /// The officer's id.
        officer_id: i64,
    },
    /// Nobody known: the guard acting on failures from an address.
    Nobody,
}

impl Actor {
    /// As stored: `cli`, `admin:<label>`, `officer:<id>`, `-`.
    pub fn stored(&self) -> String {
        match self {
            Actor::Cli => "cli".to_owned(),
            Actor::Admin { label } => format!("admin:{label}"),
            Actor::Officer { officer_id } => format!("officer:{officer_id}"),
            Actor::Nobody => "-".to_owned(),
        }
    }

    /// Read back from storage.
    pub fn from_stored(text: &str) -> Actor {
        if text == "cli" {
            Actor::Cli
        } else if let Some(label) = text.strip_prefix("admin:") {
            Actor::Admin {
                label: label.to_owned(),
            }
        } else if let Some(id) = text.strip_prefix("officer:").and_then(|i| i.parse().ok()) {
            Actor::Officer { officer_id: id }
        } else {
            Actor::Nobody
        }
    }
}

/// What was done. Stored as its `action` code and, whole, as JSON in `details`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Event {
    /// An officer was created, with a first enrollment code.
    OfficerCreated {
        /// The officer's id.
        officer_id: i64,
        /// When the code stops working (unix millis).
        code_expires_at: i64,
    },
    /// An existing officer got a fresh enrollment code (their unused ones stopped working).
    EnrollmentCodeIssued {
        /// The officer's id.
        officer_id: i64,
        /// When the code stops working (unix millis).
        code_expires_at: i64,
    },
    /// An officer was revoked, with their devices and unused codes.
    OfficerRevoked {
        /// The officer's id.
        officer_id: i64,
    },
    /// A phone traded an officer's code for a device token.
    DeviceEnrolled {
        /// The device's id.
        device_id: i64,
        /// Its officer's id.
        officer_id: i64,
    },
    /// A device's token was revoked.
    DeviceRevoked {
        /// The device's id.
        device_id: i64,
    },
    /// An admin token was created.
    AdminTokenCreated {
        /// Its id.
        token_id: i64,
        /// Its label.
        label: String,
        /// When it stops working (unix millis).
        expires_at: i64,
    },
    /// An admin token was revoked (by name, or replaced by a new one with its label).
    AdminTokenRevoked {
        /// Its id.
        token_id: i64,
        /// Its label.
        label: String,
    },
    /// Someone signed in to the dashboard with an admin token.
    SignedIn {
        /// The token's label.
        label: String,
    },
    /// Someone signed out of the dashboard.
    SignedOut {
        /// The token's label.
        label: String,
    },
    /// A hand-over file was downloaded.
    HandOverDownloaded {
        /// `bpu.xlsx`, `pekerja.csv`, …
        file: String,
        /// The first day of receipt asked for (`YYYY-MM-DD`), if any.
        from: Option<String>,
        /// The last day of receipt asked for, if any.
        to: Option<String>,
        /// The kelurahan's code asked for, if any.
        kelurahan: Option<String>,
        /// Rows in the file.
        rows: u64,
    },
    /// An officer's area was replaced (`assign-officer`, or the dashboard's form).
    OfficerAreaAssigned {
        /// The officer's id.
        officer_id: i64,
        /// The kelurahan codes of the new area (none: the whole city or no area).
        kelurahan: Vec<String>,
        /// Whether the officer now sees the whole city's list.
        whole_city: bool,
    },
    /// An address used up its failed enrollment codes or sign-ins and waits.
    AddressHeld {
        /// `enrollment` or `sign_in`.
        kind: String,
        /// Until when (unix millis).
        until: i64,
    },
}

impl Event {
    /// The stable code stored in `audit_log.action`.
    pub fn action(&self) -> &'static str {
        match self {
            Event::OfficerCreated { .. } => "officer_created",
            Event::EnrollmentCodeIssued { .. } => "enrollment_code_issued",
            Event::OfficerRevoked { .. } => "officer_revoked",
            Event::DeviceEnrolled { .. } => "device_enrolled",
            Event::DeviceRevoked { .. } => "device_revoked",
            Event::AdminTokenCreated { .. } => "admin_token_created",
            Event::AdminTokenRevoked { .. } => "admin_token_revoked",
            Event::SignedIn { .. } => "signed_in",
            Event::SignedOut { .. } => "signed_out",
            Event::HandOverDownloaded { .. } => "hand_over_downloaded",
            Event::OfficerAreaAssigned { .. } => "officer_area_assigned",
            Event::AddressHeld { .. } => "address_held",
        }
    }
}

/// Writes one entry (inside the caller's transaction when given one).
pub async fn record<'c, E>(
    executor: E,
    now: i64,
    actor: &Actor,
    address: Option<IpAddr>,
    event: &Event,
) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Any>,
{
    let details = serde_json::to_string(event).expect("an audit event serializes");
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, details, address) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now)
    .bind(actor.stored())
    .bind(event.action())
    .bind(details)
    .bind(address.map(|a| a.to_string()))
    .execute(executor)
    .await?;
    Ok(())
}

/// One entry as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// When (unix millis).
    pub at: i64,
    /// Who.
    pub actor: Actor,
    /// What: the event, or its action code when this version cannot read it (a newer one wrote
    /// it).
    pub event: Result<Event, String>,
    /// From which address, if over the network.
    pub address: Option<String>,
}

/// The newest `limit` entries, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Entry>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT at, actor, action, details, address FROM audit_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, actor, action, details, address)| Entry {
            at,
            actor: Actor::from_stored(&actor),
            event: serde_json::from_str(&details).map_err(|_| action),
            address,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_reads_back_as_it_was_stored() {
        for actor in [
            Actor::Cli,
            Actor::Admin {
                label: "staf: dinas".into(),
            },
            Actor::Officer { officer_id: 12 },
            Actor::Nobody,
        ] {
            assert_eq!(Actor::from_stored(&actor.stored()), actor);
        }
    }

    #[test]
    fn an_event_is_stored_under_its_action_code() {
        let event = Event::HandOverDownloaded {
            file: "bpu.xlsx".into(),
            from: Some("2026-06-01".into()),
            to: None,
            kelurahan: Some("35.76.01.1004".into()),
            rows: 12,
        };
        let json = serde_json::to_string(&event).unwrap();
        assert!(
            json.starts_with("{\"action\":\"hand_over_downloaded\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
    }
}
