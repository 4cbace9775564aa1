//! The koperasi (wadah) this phone registers members for, and the one chosen now.
//!
//! A koperasi is registered once on the phone and then picked: every member registered while it
//! is chosen carries it whole (see `domain::registration::KoperasiForm`), so the city counts its
//! members with nothing else to sync. The choice is stored too, so it stays for the next member,
//! after a reload and the next morning, until the officer changes it.
//!
//! A phone holds a handful of koperasi, so they live as one list under one key; a write
//! that the browser refuses (storage full) changes nothing, in storage or on screen.

use domain::registration::KoperasiForm;
use leptos::prelude::*;

use crate::settings::{Plain, Setting};
use crate::store::keys;
use crate::store::{
    SaveError,
    backend::{Backend, LocalBackend},
};

/// The koperasi registered on this phone (a handful: one list under one key).
pub const KOPERASI: Setting<Vec<KoperasiForm>> = Setting::new(keys::KOPERASI);
/// The id of the koperasi chosen for the next registrations, as plain text.
pub const KOPERASI_CHOSEN: Setting<String, Plain> = Setting::new(keys::KOPERASI_CHOSEN);

/// The koperasi stored on a phone and the chosen one, over any storage backend.
pub struct KoperasiBook<B: Backend = LocalBackend> {
    backend: B,
}

impl<B: Backend> KoperasiBook<B> {
    /// The book in `backend`.
    pub fn new(backend: B) -> Self {
        Self { backend }
    }

    /// Every stored koperasi, in the order they were registered. An unreadable list reads as
    /// empty here but is never overwritten by [`Self::add`] (it refuses instead), so nothing
    /// typed earlier is lost to a bad read.
    pub fn all(&self) -> Vec<KoperasiForm> {
        self.read().unwrap_or_default()
    }

    fn read(&self) -> Result<Vec<KoperasiForm>, SaveError> {
        KOPERASI
            .read_in(&self.backend)
            .map(Option::unwrap_or_default)
            .map_err(|_| SaveError::Refused("unreadable koperasi list".into()))
    }

    /// Stores a koperasi that `validate_wadah` accepted (replacing one with the same id) and
    /// chooses it.
    pub fn add(&self, koperasi: &KoperasiForm) -> Result<(), SaveError> {
        let mut list = self.read()?;
        let entry = KoperasiForm {
            via_koperasi: true,
            member_number: String::new(),
            ..koperasi.clone()
        };
        match list.iter_mut().find(|k| k.id == entry.id) {
            Some(existing) => *existing = entry,
            None => list.push(entry),
        }
        KOPERASI.set_in(&self.backend, &list)?;
        self.choose(Some(&koperasi.id))
    }

    /// The chosen koperasi's id, if one is chosen.
    pub fn chosen_id(&self) -> Option<String> {
        KOPERASI_CHOSEN.get_in(&self.backend)
    }

    /// The chosen koperasi, if one is chosen and still stored.
    pub fn chosen(&self) -> Option<KoperasiForm> {
        let id = self.chosen_id()?;
        self.all().into_iter().find(|k| k.id == id)
    }

    /// Chooses the koperasi with `id`, or none.
    pub fn choose(&self, id: Option<&str>) -> Result<(), SaveError> {
        match id {
            Some(id) => Ok(KOPERASI_CHOSEN.set_in(&self.backend, &id.to_owned())?),
            None => {
                KOPERASI_CHOSEN.remove_in(&self.backend);
                Ok(())
            }
        }
    }
}

/// The book as the screens see it: the list and the choice as signals, kept in step with
/// storage by every change made through it.
#[derive(Clone, Copy)]
pub struct KoperasiContext {
    /// Every koperasi on this phone.
    pub list: RwSignal<Vec<KoperasiForm>>,
    /// The chosen one's id.
    pub chosen: RwSignal<Option<String>>,
}

impl KoperasiContext {
    fn book() -> KoperasiBook {
        KoperasiBook::new(LocalBackend)
    }

    /// Stores and chooses a new (or corrected) koperasi.
    pub fn add(&self, koperasi: &KoperasiForm) -> Result<(), SaveError> {
        let book = Self::book();
        book.add(koperasi)?;
        self.list.set(book.all());
        self.chosen.set(book.chosen_id());
        Ok(())
    }

    /// Chooses a koperasi for the next registrations, or none.
    pub fn choose(&self, id: Option<&str>) -> Result<(), SaveError> {
        Self::book().choose(id)?;
        self.chosen.set(id.map(str::to_owned));
        Ok(())
    }

    /// The stored koperasi with `id`.
    pub fn find(&self, id: &str) -> Option<KoperasiForm> {
        self.list
            .with_untracked(|l| l.iter().find(|k| k.id == id).cloned())
    }

    /// The chosen koperasi, read once (for a new registration).
    pub fn chosen_koperasi_untracked(&self) -> Option<KoperasiForm> {
        let id = self.chosen.get_untracked()?;
        self.find(&id)
    }

    /// The chosen koperasi (tracked).
    pub fn chosen_koperasi(&self) -> Option<KoperasiForm> {
        let id = self.chosen.get()?;
        self.list.with(|l| l.iter().find(|k| k.id == id).cloned())
    }
}

/// Reads the book and provides it to every screen.
pub fn provide_koperasi() -> KoperasiContext {
    let book = KoperasiContext::book();
    let context = KoperasiContext {
        list: RwSignal::new(book.all()),
        chosen: RwSignal::new(book.chosen_id()),
    };
    // Another tab registered or chose a koperasi: show the same here.
    KOPERASI.follow(move |list| context.list.set(list.unwrap_or_default()));
    KOPERASI_CHOSEN.follow(move |id| context.chosen.set(id));
    provide_context(context);
    context
}

/// The book provided by [`provide_koperasi`].
pub fn use_koperasi() -> KoperasiContext {
    expect_context()
}
