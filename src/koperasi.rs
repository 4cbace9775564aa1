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
use serde::{Deserialize, Serialize};

use crate::crypto::DataKey;
use crate::settings::{Plain, Setting};
use crate::store::context::StoreContext;
use crate::store::keys;
use crate::store::{
    SaveError,
    backend::{Backend, LocalBackend},
    sealed::Cipher,
};

/// The koperasi registered on this phone, as stored: one sealed text (a handful of koperasi,
/// one list under one key). Read through [`KoperasiBook`], never as a setting.
pub const KOPERASI: Setting<String, Plain> = Setting::new(keys::KOPERASI);
/// The id of the koperasi chosen for the next registrations, as plain text (a random id: not
/// personal data, so it stays in clear and is read before the PIN).
pub const KOPERASI_CHOSEN: Setting<String, Plain> = Setting::new(keys::KOPERASI_CHOSEN);

/// The version of [`SealedBook`] this code writes.
pub const SEALED_BOOK_VERSION: u32 = 1;
/// The additional data of the book's box: a box of anything else does not open as the book.
const BOOK_AAD: &[u8] = b"lindungi.koperasi.v1";

/// The book as stored since issue 16: `{"v":1,"box":"<base64 nonce | ciphertext>"}`, the box
/// holding the JSON list compressed and encrypted under the data key (the chair's NIK and the
/// koperasi's name are personal data). Earlier releases stored the JSON list in clear; it is
/// read as it is and sealed at the next unlock.
#[derive(Serialize, Deserialize)]
struct SealedBook {
    v: u32,
    #[serde(rename = "box")]
    sealed: String,
}

/// What the stored text is, read without the key.
enum Stored {
    Absent,
    Clear(Vec<KoperasiForm>),
    Sealed(String),
    Unreadable,
}

fn peek(raw: Option<&str>) -> Stored {
    let Some(raw) = raw else {
        return Stored::Absent;
    };
    if let Ok(list) = serde_json::from_str::<Vec<KoperasiForm>>(raw) {
        return Stored::Clear(list);
    }
    match serde_json::from_str::<SealedBook>(raw) {
        Ok(book) if book.v == SEALED_BOOK_VERSION => Stored::Sealed(book.sealed),
        _ => Stored::Unreadable,
    }
}

fn unreadable() -> SaveError {
    SaveError::Refused("unreadable koperasi list".into())
}

/// The koperasi stored on a phone and the chosen one, over any storage backend, opened and
/// sealed with `cipher` (the data key in the app).
pub struct KoperasiBook<'k, C: Cipher, B: Backend = LocalBackend> {
    backend: B,
    cipher: &'k C,
}

impl<'k, C: Cipher, B: Backend> KoperasiBook<'k, C, B> {
    /// The book in `backend`, read and written with `cipher`.
    pub fn new(backend: B, cipher: &'k C) -> Self {
        Self { backend, cipher }
    }

    /// Every stored koperasi, in the order they were registered. An unreadable list (or one
    /// sealed under another key) reads as empty here but is never overwritten by [`Self::add`]
    /// (it refuses instead), so nothing typed earlier is lost to a bad read.
    pub async fn all(&self) -> Vec<KoperasiForm> {
        self.read().await.map(|(list, _)| list).unwrap_or_default()
    }

    /// The list, and the text it was read from.
    async fn read(&self) -> Result<(Vec<KoperasiForm>, Option<String>), SaveError> {
        let raw = self.backend.get(keys::KOPERASI);
        let list = match peek(raw.as_deref()) {
            Stored::Absent => Vec::new(),
            Stored::Clear(list) => list,
            Stored::Sealed(sealed) => {
                let plain = self
                    .cipher
                    .open(&sealed, BOOK_AAD)
                    .await
                    .map_err(|_| unreadable())?;
                serde_json::from_slice(&plain).map_err(|_| unreadable())?
            }
            Stored::Unreadable => return Err(unreadable()),
        };
        Ok((list, raw))
    }

    /// Seals `list` and writes it, only if the stored text is still `read_from` (another tab
    /// may have written meanwhile: `Ok(false)`, nothing written).
    async fn write(
        &self,
        list: &[KoperasiForm],
        read_from: Option<&str>,
    ) -> Result<bool, SaveError> {
        let plain = serde_json::to_vec(list).expect("a koperasi list serializes");
        let sealed = self
            .cipher
            .seal(&plain, BOOK_AAD)
            .await
            .map_err(|e| SaveError::Refused(e.to_string()))?;
        let text = serde_json::to_string(&SealedBook {
            v: SEALED_BOOK_VERSION,
            sealed,
        })
        .expect("a sealed book serializes");
        // Nothing awaits from here to the write: what was compared is what is replaced.
        if self.backend.get(keys::KOPERASI).as_deref() != read_from {
            return Ok(false);
        }
        self.backend.set(keys::KOPERASI, &text)?;
        Ok(true)
    }

    /// Stores a koperasi that `validate_wadah` accepted (replacing one with the same id),
    /// sealed, and chooses it.
    pub async fn add(&self, koperasi: &KoperasiForm) -> Result<(), SaveError> {
        let entry = KoperasiForm {
            via_koperasi: true,
            member_number: String::new(),
            ..koperasi.clone()
        };
        // Another tab's write between the read and the write: read again and add to that.
        for _ in 0..3 {
            let (mut list, raw) = self.read().await?;
            match list.iter_mut().find(|k| k.id == entry.id) {
                Some(existing) => *existing = entry.clone(),
                None => list.push(entry.clone()),
            }
            if self.write(&list, raw.as_deref()).await? {
                return self.choose(Some(&koperasi.id));
            }
        }
        Err(SaveError::Changed)
    }

    /// Seals a list an earlier release stored in clear; `Ok(true)` if it did. A storage too
    /// full for the sealed text leaves the clear one (tried again at the next unlock).
    pub async fn seal_in_place(&self) -> Result<bool, SaveError> {
        let raw = self.backend.get(keys::KOPERASI);
        let Stored::Clear(list) = peek(raw.as_deref()) else {
            return Ok(false);
        };
        self.write(&list, raw.as_deref()).await
    }

    /// The chosen koperasi's id, if one is chosen.
    pub fn chosen_id(&self) -> Option<String> {
        KOPERASI_CHOSEN.get_in(&self.backend)
    }

    /// The chosen koperasi, if one is chosen and still stored.
    pub async fn chosen(&self) -> Option<KoperasiForm> {
        let id = self.chosen_id()?;
        self.all().await.into_iter().find(|k| k.id == id)
    }

    /// Chooses the koperasi with `id`, or none.
    pub fn choose(&self, id: Option<&str>) -> Result<(), SaveError> {
        choose_in(&self.backend, id)
    }
}

/// Chooses the koperasi with `id` for the next registrations, or none.
fn choose_in(backend: &impl Backend, id: Option<&str>) -> Result<(), SaveError> {
    match id {
        Some(id) => Ok(KOPERASI_CHOSEN.set_in(backend, &id.to_owned())?),
        None => {
            KOPERASI_CHOSEN.remove_in(backend);
            Ok(())
        }
    }
}

/// The book as the screens see it: the list and the choice as signals, kept in step with
/// storage by every change made through it.
#[derive(Clone, Copy)]
pub struct KoperasiContext {
    /// Where the data key is, while the app is unlocked.
    store: StoreContext,
    /// Every koperasi on this phone.
    pub list: RwSignal<Vec<KoperasiForm>>,
    /// The chosen one's id.
    pub chosen: RwSignal<Option<String>>,
}

impl KoperasiContext {
    /// Opens the book with the data key (sealing a clear one of an earlier release first) and
    /// shows it: called at unlock, before the screens are built.
    pub async fn unlock(&self, key: &DataKey) {
        let (list, chosen) = open_book(key.clone(), true).await;
        self.list.set(list);
        self.chosen.set(chosen);
    }

    /// Stores (sealed) and chooses a new or corrected koperasi.
    pub async fn add(&self, koperasi: &KoperasiForm) -> Result<(), SaveError> {
        let key = self.store.data_key().ok_or(SaveError::Locked)?;
        let book = KoperasiBook::new(LocalBackend, &key);
        book.add(koperasi).await?;
        self.list.try_set(book.all().await);
        self.chosen.try_set(book.chosen_id());
        Ok(())
    }

    /// Chooses a koperasi for the next registrations, or none.
    pub fn choose(&self, id: Option<&str>) -> Result<(), SaveError> {
        choose_in(&LocalBackend, id)?;
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

/// Provides the book to every screen: empty until [`KoperasiContext::unlock`] opens it with
/// the data key.
pub fn provide_koperasi(store: StoreContext) -> KoperasiContext {
    let context = KoperasiContext {
        store,
        list: RwSignal::new(Vec::new()),
        chosen: RwSignal::new(KOPERASI_CHOSEN.get()),
    };
    // Another tab registered or chose a koperasi: show the same here (once the key is open).
    KOPERASI.follow(move |_| {
        let Some(key) = store.data_key() else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let (list, _) = open_book(key, false).await;
            context.list.try_set(list);
        });
    });
    KOPERASI_CHOSEN.follow(move |id| context.chosen.set(id));
    provide_context(context);
    context
}

// Opening the book (its box, the DEFLATE and AES-GCM behind it, the list's JSON) is not needed to
// draw the PIN screen, the first screen: as with the store's opening (`store::context`), it is a
// function whose code is a chunk of its own (`#[lazy]`), fetched while the PIN is typed.

/// Fetches the code that opens the book, in the background (as
/// [`crate::store::context::preload_opening`] does the store's).
pub fn preload_opening() {
    #[cfg(not(feature = "no-split"))]
    wasm_bindgen_futures::spawn_local(__preload_open_book());
}

/// The book opened with the data key: every koperasi and the chosen one's id. `seal` first
/// seals a list an earlier release stored in clear (best effort: a clear list that cannot be
/// sealed now still reads, and is tried again at the next unlock).
#[cfg_attr(not(feature = "no-split"), leptos::lazy)]
async fn open_book(key: DataKey, seal: bool) -> (Vec<KoperasiForm>, Option<String>) {
    let book = KoperasiBook::new(LocalBackend, &key);
    if seal {
        let _ = book.seal_in_place().await;
    }
    (book.all().await, book.chosen_id())
}

/// The book provided by [`provide_koperasi`].
pub fn use_koperasi() -> KoperasiContext {
    expect_context()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use domain::{Kelurahan, testdata};

    use super::*;
    use crate::store::{
        MemoryBackend,
        tests::{FakeCipher, now},
    };

    #[test]
    fn a_koperasi_is_stored_sealed_and_reads_back_with_the_key() {
        let backend = MemoryBackend::new();
        let cipher = FakeCipher::default();
        let book = KoperasiBook::new(&backend, &cipher);
        let koperasi = testdata::koperasi_form(Kelurahan::ALL[0]);
        now(book.add(&koperasi)).unwrap();
        let text = backend.get(keys::KOPERASI).unwrap();
        assert!(matches!(peek(Some(&text)), Stored::Sealed(_)), "{text}");
        assert!(!text.contains(&koperasi.chair_nik));
        assert_eq!(now(book.all()), vec![koperasi.clone()]);
        assert_eq!(now(book.chosen()), Some(koperasi));
    }

    #[test]
    fn a_clear_book_of_an_earlier_release_reads_and_is_sealed_once() {
        let backend = MemoryBackend::new();
        let cipher = FakeCipher::default();
        let koperasi = testdata::koperasi_form(Kelurahan::ALL[1]);
        let clear = serde_json::to_string(&vec![koperasi.clone()]).unwrap();
        backend.set(keys::KOPERASI, &clear).unwrap();
        let book = KoperasiBook::new(&backend, &cipher);
        assert_eq!(now(book.all()), vec![koperasi.clone()]);
        assert_eq!(now(book.seal_in_place()), Ok(true));
        assert_ne!(backend.get(keys::KOPERASI).unwrap(), clear);
        assert_eq!(now(book.seal_in_place()), Ok(false));
        assert_eq!(now(book.all()), vec![koperasi]);
    }

    #[test]
    fn a_book_that_does_not_open_is_refused_and_left_as_it_is() {
        let backend = MemoryBackend::new();
        let cipher = FakeCipher::default();
        let broken = "{\"v\":1,\"box\":\"not a box\"}";
        backend.set(keys::KOPERASI, broken).unwrap();
        let book = KoperasiBook::new(&backend, &cipher);
        assert_eq!(now(book.all()), vec![]);
        let added = now(book.add(&testdata::koperasi_form(Kelurahan::ALL[2])));
        assert!(matches!(added, Err(SaveError::Refused(_))), "{added:?}");
        assert_eq!(now(book.seal_in_place()), Ok(false));
        assert_eq!(backend.get(keys::KOPERASI).as_deref(), Some(broken));
    }

    #[test]
    fn a_write_over_a_book_another_tab_changed_meanwhile_writes_nothing() {
        let backend = MemoryBackend::new();
        let cipher = FakeCipher::default();
        let book = KoperasiBook::new(&backend, &cipher);
        now(book.add(&testdata::koperasi_form(Kelurahan::ALL[3]))).unwrap();
        let read_from = backend.get(keys::KOPERASI);
        now(book.add(&testdata::koperasi_form(Kelurahan::ALL[4]))).unwrap();
        let theirs = backend.get(keys::KOPERASI);
        let written = now(book.write(&[], read_from.as_deref()));
        assert_eq!(written, Ok(false));
        assert_eq!(backend.get(keys::KOPERASI), theirs);
        assert_eq!(now(book.all()).len(), 2);
    }
}
