//! The list's summaries, sealed inside the index pages, so that unlocking with 5,000 stored
//! opens 79 pages of 64 summaries instead of 5,000 records (`docs/security.md`; the unlock
//! budget and its measurement are in BENCHMARKS.md).
//!
//! A page keeps its ids in clear (random UUIDs, not personal data: the index must be readable
//! to repair and count without the key) and, in its box, one [`ListEntry`] per id, in the same
//! order (`null` for an id it has none for): what the list shows and searches. Each entry
//! carries the tag of the record it was made from (`SealedRecord::sum`); a record whose clear
//! tag differs from its entry's (its page was not sealed again after the record's write, or
//! another tab wrote it) is [`stale`]: the store opens that record itself and seals the page
//! again. A page's box is bound to its number and its ids, so no page's summaries can be shown
//! for another page's records.
//!
//! The entries use one-letter names: the box is compressed, but every character stored counts
//! against the 5,000-registration capacity.

use serde::{Deserialize, Serialize};

use super::sealed::Cipher;
use crate::crypto::CryptoError;

/// The version of a sealed index page. Version 1 pages are the earlier releases' clear JSON
/// arrays of ids, still read as a page with no summaries (every record stale).
pub const SEALED_PAGE_VERSION: u32 = 2;

/// What the list needs of one registration: kept only sealed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    /// The tag of the sealed record this entry was made from.
    #[serde(rename = "t")]
    pub sum: String,
    /// The participant's name.
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The NIK as typed (search), empty once only a receipt is kept.
    #[serde(rename = "k", default, skip_serializing_if = "String::is_empty")]
    pub nik: String,
    /// The last four digits of the NIK, where there is no NIK to take them from.
    #[serde(rename = "l", default, skip_serializing_if = "String::is_empty")]
    pub nik_last_four: String,
    /// The duplicate-check key, where there is no NIK to compute it from (a confirmed record).
    #[serde(rename = "h", default, skip_serializing_if = "Option::is_none")]
    pub nik_key: Option<u64>,
    /// The receipt number, once there is one.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
    /// The last error's code, if any.
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Last change (RFC 3339).
    #[serde(rename = "u", default, skip_serializing_if = "String::is_empty")]
    pub updated_at: String,
}

/// An index page as stored: `{"v":2,"ids":[…],"box":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedPage {
    /// [`SEALED_PAGE_VERSION`].
    pub v: u32,
    /// The ids on this page, in creation order.
    pub ids: Vec<String>,
    /// The entries of these ids (a JSON array, `null` where there is none), compressed and
    /// encrypted.
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

/// The ids a stored page lists, read without the key: a clear page of an earlier release or a
/// sealed one; `None` when it is not a page at all.
pub fn page_ids(raw: &str) -> Option<Vec<String>> {
    if let Ok(ids) = serde_json::from_str::<Vec<String>>(raw) {
        return Some(ids);
    }
    let page: SealedPage = serde_json::from_str(raw).ok()?;
    (page.v == SEALED_PAGE_VERSION).then_some(page.ids)
}

/// The stored text of page `n` listing `ids`, with `entries` (by the same order) sealed.
pub async fn seal_page(
    cipher: &impl Cipher,
    n: usize,
    ids: &[String],
    entries: &[Option<ListEntry>],
) -> Result<String, CryptoError> {
    debug_assert_eq!(ids.len(), entries.len());
    let plain = serde_json::to_vec(entries).expect("list entries serialize");
    let sealed = cipher.seal(&plain, &aad(n, ids)).await?;
    Ok(serde_json::to_string(&SealedPage {
        v: SEALED_PAGE_VERSION,
        ids: ids.to_vec(),
        sealed,
    })
    .expect("a page serializes"))
}

/// A page as read: its ids always, its entries when its box opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedPage {
    /// The ids listed, in creation order.
    pub ids: Vec<String>,
    /// The entries, by the same order; all `None` for a clear page of an earlier release, or a
    /// box that did not open (every record then opened one by one, and the page sealed again).
    pub entries: Vec<Option<ListEntry>>,
}

impl OpenedPage {
    /// The entry of every id that has one.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &ListEntry)> {
        self.ids
            .iter()
            .zip(&self.entries)
            .filter_map(|(id, e)| e.as_ref().map(|e| (id, e)))
    }
}

/// Reads page `n` of either version; `None` when it is not a page at all (the store indexes
/// its records again from the records themselves).
pub async fn open_page(cipher: &impl Cipher, n: usize, raw: &str) -> Option<OpenedPage> {
    let none = |ids: &[String]| vec![None; ids.len()];
    if let Ok(ids) = serde_json::from_str::<Vec<String>>(raw) {
        let entries = none(&ids);
        return Some(OpenedPage { ids, entries });
    }
    let page: SealedPage = serde_json::from_str(raw).ok()?;
    if page.v != SEALED_PAGE_VERSION {
        return None;
    }
    let entries = match cipher.open(&page.sealed, &aad(n, &page.ids)).await {
        Ok(plain) => serde_json::from_slice::<Vec<Option<ListEntry>>>(&plain)
            .ok()
            // A box of another length than the page's ids is no page's.
            .filter(|e| e.len() == page.ids.len())
            .unwrap_or_else(|| none(&page.ids)),
        Err(_) => none(&page.ids),
    };
    Some(OpenedPage {
        ids: page.ids,
        entries,
    })
}

/// The entries of `page` made from the very record stored now (`tag_of` gives a stored record's
/// clear tag; `None` for a record in clear or not readable without the key). Every other id of
/// the page is stale: no entry, or one made from another version of its record.
pub fn fresh<'p, 't>(
    page: &'p OpenedPage,
    tag_of: impl Fn(&str) -> Option<&'t str>,
) -> Vec<(&'p String, &'p ListEntry)> {
    page.entries()
        .filter(|(id, entry)| tag_of(id) == Some(entry.sum.as_str()))
        .collect()
}
