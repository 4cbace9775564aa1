//! The list's summaries, sealed inside the index pages, so that unlocking with 5,000 stored
//! opens 79 pages of 64 summaries instead of 5,000 records (`docs/security.md`; the unlock
//! budget and its measurement are in BENCHMARKS.md, "Seal").
//!
//! A page keeps its ids in clear (random UUIDs, not personal data: the index must be readable
//! to repair and count without the key) and, in its box, one [`ListEntry`] per id: what the list
//! shows and searches. Each entry carries the tag of the record it was made from
//! (`SealedRecord::sum`); a record whose clear tag differs from its page's (its page write was cut
//! off, or another tab wrote it) is [`stale`]: the store opens that record itself and rewrites
//! the page. A page's box is bound to its number and its ids, so no page's summaries can be
//! shown for another page's records.
//!
//! Not yet used by the store (issue 16 continues there).

use serde::{Deserialize, Serialize};

use super::sealed::Cipher;
use crate::crypto::CryptoError;

/// The version of a sealed index page. Version 1 pages are the earlier releases' clear JSON
/// arrays of ids, still read as a page with no summaries (every record stale).
pub const SEALED_PAGE_VERSION: u32 = 2;

/// What the list needs of one registration: kept only sealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    /// The registration's id.
    pub id: String,
    /// The tag of the sealed record this entry was made from.
    pub sum: String,
    /// The participant's name.
    pub name: String,
    /// The NIK as typed (search), empty once only a receipt is kept.
    pub nik: String,
    /// The last four digits of the NIK.
    pub nik_last_four: String,
    /// The receipt number, once there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
    /// The last error's code, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// An index page as stored: `{"v":2,"ids":[…],"box":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedPage {
    /// [`SEALED_PAGE_VERSION`].
    pub v: u32,
    /// The ids on this page, in creation order.
    pub ids: Vec<String>,
    /// The [`ListEntry`]s of these ids, as a JSON array, compressed and encrypted.
    #[serde(rename = "box")]
    pub sealed: String,
}

/// The additional data of page `n` listing `ids`.
fn aad(n: usize, ids: &[String]) -> Vec<u8> {
    format!(
        "lindungi.page.v{SEALED_PAGE_VERSION}\n{n}\n{}",
        ids.join("\n")
    )
    .into_bytes()
}

/// The stored text of page `n` holding `entries` (its ids are theirs, in this order).
pub async fn seal_page(
    cipher: &impl Cipher,
    n: usize,
    entries: &[ListEntry],
) -> Result<String, CryptoError> {
    let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    let plain = serde_json::to_vec(entries).expect("list entries serialize");
    let sealed = cipher.seal(&plain, &aad(n, &ids)).await?;
    Ok(serde_json::to_string(&SealedPage {
        v: SEALED_PAGE_VERSION,
        ids,
        sealed,
    })
    .expect("a page serializes"))
}

/// A page as read: its ids always, its entries when its box opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedPage {
    /// The ids listed, in creation order.
    pub ids: Vec<String>,
    /// The entries, by the same order; empty for a clear page of an earlier release, or a box
    /// that did not open (every record then opened one by one, and the page rewritten).
    pub entries: Vec<ListEntry>,
}

/// Reads page `n` of either version; `None` when it is not a page at all (the store indexes
/// its records again from the records themselves).
pub async fn open_page(cipher: &impl Cipher, n: usize, raw: &str) -> Option<OpenedPage> {
    if let Ok(ids) = serde_json::from_str::<Vec<String>>(raw) {
        return Some(OpenedPage {
            ids,
            entries: Vec::new(),
        });
    }
    let page: SealedPage = serde_json::from_str(raw).ok()?;
    if page.v != SEALED_PAGE_VERSION {
        return None;
    }
    let entries = match cipher.open(&page.sealed, &aad(n, &page.ids)).await {
        Ok(plain) => serde_json::from_slice::<Vec<ListEntry>>(&plain)
            .ok()
            // Entries for other ids than the page lists are no page's.
            .filter(|e| e.iter().map(|e| &e.id).eq(page.ids.iter()))
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    Some(OpenedPage {
        ids: page.ids,
        entries,
    })
}

/// The ids of `page` whose record must be opened itself: no entry for it, or an entry made from
/// another version of the record than the one stored (`tag_of` gives a stored record's clear
/// tag; `None` for a record in clear or not readable without the key).
pub fn stale(page: &OpenedPage, tag_of: impl Fn(&str) -> Option<String>) -> Vec<&str> {
    page.ids
        .iter()
        .filter(|id| {
            let entry = page.entries.iter().find(|e| &e.id == *id);
            match (entry, tag_of(id)) {
                (Some(entry), Some(tag)) => entry.sum != tag,
                _ => true,
            }
        })
        .map(String::as_str)
        .collect()
}
