//! The typed client of the city endpoint.

use gloo_net::http::Request;
use serde::{Deserialize, Serialize};

use crate::store::Entry;

/// Path of the skeleton's sync endpoint.
pub const SKELETON_ENTRIES: &str = "/api/v1/skeleton/entries";

#[derive(Serialize)]
struct OutEntry<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Batch<'a> {
    entries: Vec<OutEntry<'a>>,
}

/// The ids the endpoint confirmed.
#[derive(Deserialize)]
pub struct Received {
    /// Confirmed ids.
    pub received: Vec<String>,
}

/// Sends entries; answers with the ids the endpoint now holds.
pub async fn send(entries: &[Entry]) -> Result<Received, String> {
    let batch = Batch {
        entries: entries
            .iter()
            .map(|e| OutEntry {
                id: &e.id,
                name: &e.name,
            })
            .collect(),
    };
    let response = Request::post(SKELETON_ENTRIES)
        .json(&batch)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.json().await.map_err(|e| e.to_string())
}
