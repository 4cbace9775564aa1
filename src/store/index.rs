//! The index of registration ids, in the order they were created, split into pages of at most
//! [`INDEX_PAGE_SIZE`] ids under their own keys: adding an id rewrites one small page, never
//! the whole list, so a save costs the same with 10 or 5,000 stored.

use std::collections::HashMap;

use super::{
    backend::{Backend, WriteError},
    keys, pages,
};

/// Ids per index page. Small enough that rewriting a page is cheap (about 2.4 KB),
/// large enough that 5,000 registrations need only 79 pages.
pub const INDEX_PAGE_SIZE: usize = 64;

/// The pages as read, and where each id is.
#[derive(Debug, Default)]
pub(super) struct Index {
    pages: Vec<Vec<String>>,
    page_of: HashMap<String, usize>,
}

impl Index {
    /// Reads every page's ids (a page of either version, `pages::page_ids`). An unreadable page
    /// reads as empty: the store indexes its records again from the records themselves.
    pub(super) fn read(backend: &impl Backend) -> Self {
        let mut index = Index::default();
        let mut n = 0;
        while let Some(raw) = backend.get(&keys::index_page(n)) {
            let mut ids: Vec<String> = pages::page_ids(&raw).unwrap_or_default();
            // Two tabs appending at once can list an id twice: keep the first.
            ids.retain(|id| !index.page_of.contains_key(id));
            for id in &ids {
                index.page_of.insert(id.clone(), n);
            }
            index.pages.push(ids);
            n += 1;
        }
        index
    }

    /// Whether `id` is listed.
    pub(super) fn contains(&self, id: &str) -> bool {
        self.page_of.contains_key(id)
    }

    /// Every id, in creation order.
    pub(super) fn ids(&self) -> impl Iterator<Item = &String> {
        self.pages.iter().flatten()
    }

    /// How many pages there are.
    pub(super) fn len(&self) -> usize {
        self.pages.len()
    }

    /// The ids on page `n`, in creation order.
    pub(super) fn page(&self, n: usize) -> &[String] {
        self.pages.get(n).map_or(&[], Vec::as_slice)
    }

    /// The page `id` is on.
    pub(super) fn page_of(&self, id: &str) -> Option<usize> {
        self.page_of.get(id).copied()
    }

    /// Lists `id` at the end and writes its page; on failure the index is as it was.
    pub(super) fn add(&mut self, backend: &impl Backend, id: &str) -> Result<(), WriteError> {
        let n = self.push(id);
        self.write_page(backend, n).inspect_err(|_| {
            self.pages[n].pop();
            self.page_of.remove(id);
            if self.pages[n].is_empty() {
                self.pages.pop();
            }
        })
    }

    /// Lists `id` at the end without writing (another tab wrote it; writing here would echo a
    /// `storage` event back to that tab, and two tabs would answer each other forever).
    pub(super) fn learn(&mut self, id: &str) {
        if !self.contains(id) {
            self.push(id);
        }
    }

    fn push(&mut self, id: &str) -> usize {
        if self.pages.last().is_none_or(|p| p.len() >= INDEX_PAGE_SIZE) {
            self.pages.push(Vec::new());
        }
        let n = self.pages.len() - 1;
        self.pages[n].push(id.to_owned());
        self.page_of.insert(id.to_owned(), n);
        n
    }

    /// Unlists `id` and writes its page.
    pub(super) fn remove(&mut self, backend: &impl Backend, id: &str) -> Result<(), WriteError> {
        match self.page_of.remove(id) {
            Some(n) => {
                self.pages[n].retain(|x| x != id);
                self.write_page(backend, n)
            }
            None => Ok(()),
        }
    }

    /// Unlists `id` without writing (another tab removed it).
    pub(super) fn forget(&mut self, id: &str) {
        if let Some(n) = self.page_of.remove(id) {
            self.pages[n].retain(|x| x != id);
        }
    }

    /// Writes page `n`'s ids in clear: its sealed summaries are gone until the store seals the
    /// page again (`Store::seal_pages`), and its records are opened one by one if that never
    /// happens.
    fn write_page(&self, backend: &impl Backend, n: usize) -> Result<(), WriteError> {
        let json = serde_json::to_string(&self.pages[n]).expect("a list of strings serializes");
        backend.set(&keys::index_page(n), &json)
    }
}
