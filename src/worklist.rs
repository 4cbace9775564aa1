//! The officer's worklist on the phone: the city's roster entries of their area not yet
//! covered, and the NIKs the city already holds there (`domain::wire::worklist`).
//!
//! Fetched with every sync that reached the city ([`WorklistContext::refresh`], incremental from
//! the cursor of the last page applied), kept in memory for the screens, and kept on the phone
//! sealed under the data key like registrations (names and NIKs are personal data):
//! `{"v":1,"n":<open entries>,"at":<fetched, unix ms>,"box":…}` under `keys::WORKLIST`, the
//! box holding the entries, the registered NIKs, the area and the cursor. It is a cache: when
//! storage is full, any other write drops it first (`store::backend`), and the screen says the
//! list is out of date until the next sync brings it back; a registration is never refused
//! for it.

use std::sync::Arc;

use domain::{
    Nik,
    wire::worklist::{Area, RegisteredNik, WorklistEntry, WorklistPage, WorklistState},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::crypto::DataKey;
use crate::settings::{Plain, Setting};
use crate::store::{
    SaveError,
    backend::{Backend, LocalBackend},
    context::StoreContext,
    keys,
    sealed::Cipher,
};

/// The sealed worklist, as stored (read through [`WorklistCache`]).
pub const WORKLIST: Setting<String, Plain> = Setting::new(keys::WORKLIST);

/// The version of the stored worklist this code writes; any other is fetched anew.
pub const STORED_VERSION: u32 = 1;
/// The additional data of the worklist's box.
const AAD: &[u8] = b"lindungi.worklist.v1";
/// Pages asked for in one refresh at most: the whole city is four (`WORKLIST_MAX_LIMIT`).
const MAX_PAGES: usize = 20;

/// The stored form: counts and time in clear, everything else sealed.
#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    /// Open entries in the box.
    n: usize,
    /// When the city's answer in the box was fetched (unix milliseconds).
    at: f64,
    #[serde(rename = "box")]
    sealed: String,
}

/// What the box holds.
#[derive(Serialize, Deserialize)]
struct Contents {
    area: Option<Area>,
    cursor: Option<String>,
    entries: Vec<WorklistEntry>,
    registered: Vec<RegisteredNik>,
}

/// The worklist as the phone knows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Worklist {
    /// The city's answer, pages applied.
    pub state: WorklistState,
    /// When it was last fetched (unix milliseconds).
    pub fetched_at: u64,
}

/// What the phone holds of its worklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// Never fetched (or of another version).
    Absent,
    /// Dropped to make room in storage, at this time (unix milliseconds).
    Dropped(u64),
    /// Stored, and opened with the key.
    Kept(Worklist),
    /// Stored but does not open with this key (another phone's, or damaged): fetched anew.
    Unreadable,
}

/// The worklist in storage, over any backend, sealed with `cipher`.
pub struct WorklistCache<'k, C: Cipher, B: Backend = LocalBackend> {
    backend: B,
    cipher: &'k C,
}

impl<'k, C: Cipher, B: Backend> WorklistCache<'k, C, B> {
    /// The worklist in `backend`, read and written with `cipher`.
    pub fn new(backend: B, cipher: &'k C) -> Self {
        Self { backend, cipher }
    }

    /// Opens what is stored.
    pub async fn open(&self) -> Opened {
        let Some(raw) = self.backend.get(keys::WORKLIST) else {
            return match self
                .backend
                .get(keys::WORKLIST_DROPPED)
                .and_then(|at| at.parse().ok())
            {
                Some(at) => Opened::Dropped(at),
                None => Opened::Absent,
            };
        };
        let Ok(stored) = serde_json::from_str::<Stored>(&raw) else {
            return Opened::Unreadable;
        };
        if stored.v != STORED_VERSION {
            return Opened::Absent;
        }
        let Ok(plain) = self.cipher.open(&stored.sealed, AAD).await else {
            return Opened::Unreadable;
        };
        let Ok(contents) = serde_json::from_slice::<Contents>(&plain) else {
            return Opened::Unreadable;
        };
        Opened::Kept(Worklist {
            state: WorklistState {
                entries: contents.entries.into_iter().map(|e| (e.id, e)).collect(),
                registered: contents
                    .registered
                    .into_iter()
                    .map(|r| (r.nik, r))
                    .collect(),
                cursor: contents.cursor,
                area: contents.area,
            },
            fetched_at: stored.at as u64,
        })
    }

    /// Seals and stores `list`. Storage too full for it leaves what was stored before (an
    /// older copy with its own cursor, still consistent) and says [`SaveError::Full`].
    pub async fn keep(&self, list: &Worklist) -> Result<usize, SaveError> {
        let state = &list.state;
        let contents = Contents {
            area: state.area.clone(),
            cursor: state.cursor.clone(),
            entries: state.entries.values().cloned().collect(),
            registered: state.registered.values().cloned().collect(),
        };
        let plain = serde_json::to_vec(&contents).expect("a worklist serializes");
        let sealed = self
            .cipher
            .seal(&plain, AAD)
            .await
            .map_err(|e| SaveError::Refused(e.to_string()))?;
        let text = serde_json::to_string(&Stored {
            v: STORED_VERSION,
            n: state.entries.len(),
            at: list.fetched_at as f64,
            sealed,
        })
        .expect("a stored worklist serializes");
        self.backend.set(keys::WORKLIST, &text)?;
        self.backend.remove(keys::WORKLIST_DROPPED);
        Ok(keys::WORKLIST.len() + text.len())
    }

    /// Forgets the stored worklist (the phone was wiped, or another officer enrolled it).
    pub fn forget(&self) {
        self.backend.remove(keys::WORKLIST);
        self.backend.remove(keys::WORKLIST_DROPPED);
    }
}

/// Applies pages from `fetch` to `list` until the city says nothing more waits. A list whose
/// open entries do not add up to the city's count is fetched again whole, once.
pub async fn catch_up<E, F, Fut>(list: &mut WorklistState, fetch: F) -> Result<(), E>
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<WorklistPage, E>>,
{
    let mut started_over = false;
    for _ in 0..MAX_PAGES {
        let page = fetch(list.cursor.clone()).await?;
        let (more, total) = (page.more, page.open_total);
        list.apply(page);
        if more {
            continue;
        }
        if list.entries.len() as u64 == total || started_over {
            return Ok(());
        }
        started_over = true;
        list.cursor = None;
    }
    Ok(())
}

/// A registration on this phone of a NIK on the worklist (found by `store::record::nik_key`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnPhone {
    /// Its id.
    pub id: String,
    /// Still a draft: the entry stays listed, and opens that draft.
    pub draft: bool,
}

/// One entry as the worklist screen lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The roster id.
    pub roster_id: u64,
    /// Name as the roster writes it.
    pub name: String,
    /// The NIK's last four digits.
    pub nik_last_four: String,
    /// Business type as the roster writes it.
    pub business_type: String,
    /// A draft of it on this phone, to continue rather than start again.
    pub draft: Option<String>,
}

/// The entries of one market or street (or of none known) in a kelurahan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The market or street; `None` where the roster has neither.
    pub name: Option<String>,
    /// Its entries, by name.
    pub items: Vec<Item>,
}

/// The entries of one kelurahan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The kelurahan.
    pub kelurahan: domain::Kelurahan,
    /// Its places, by name; the one of no known place last.
    pub places: Vec<Place>,
}

impl Group {
    /// Entries in the group.
    pub fn len(&self) -> usize {
        self.places.iter().map(|p| p.items.len()).sum()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the worklist screen shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Arranged {
    /// Entries still to register: open at the city and not registered on this phone (a draft
    /// is still to register).
    pub left: usize,
    /// Of those, the ones the search finds.
    pub found: usize,
    /// The ones found, by kelurahan and place.
    pub groups: Vec<Group>,
}

/// Arranges `list` for the screen: entries registered on this phone (`on_phone`, by NIK key)
/// leave it at once, before any sync; those `query` finds are grouped by kelurahan (by name)
/// and by market, or by street where no market is known.
pub fn arrange(
    list: &WorklistState,
    on_phone: &std::collections::HashMap<u64, OnPhone>,
    query: &str,
) -> Arranged {
    use std::collections::BTreeMap;
    let mut arranged = Arranged::default();
    // Places of a kelurahan by (no place known, lowercase name): the unknown one last.
    type Places = BTreeMap<(bool, String), Vec<Item>>;
    // Kelurahan by name.
    let mut groups: BTreeMap<&str, (domain::Kelurahan, Places)> = BTreeMap::new();
    for entry in list.entries.values() {
        let here = crate::store::record::nik_key(entry.nik.as_str()).and_then(|k| on_phone.get(&k));
        if here.is_some_and(|p| !p.draft) {
            continue;
        }
        arranged.left += 1;
        if !entry.matches(query) {
            continue;
        }
        arranged.found += 1;
        let place = entry
            .market
            .as_ref()
            .map(|m| m.as_str().to_owned())
            .or_else(|| entry.address.as_ref().map(|a| a.as_str().to_owned()));
        let item = Item {
            roster_id: entry.id,
            name: entry.name.as_str().to_owned(),
            nik_last_four: domain::nik::last_four(entry.nik.as_str()),
            business_type: entry.business_type.as_str().to_owned(),
            draft: here.map(|p| p.id.clone()),
        };
        groups
            .entry(entry.kelurahan.name())
            .or_insert_with(|| (entry.kelurahan, BTreeMap::new()))
            .1
            .entry((place.is_none(), place.unwrap_or_default().to_lowercase()))
            .or_default()
            .push(item);
    }
    arranged.groups = groups
        .into_values()
        .map(|(kelurahan, places)| Group {
            kelurahan,
            places: places
                .into_values()
                .map(|mut items| {
                    items.sort_by_key(|a| a.name.to_lowercase());
                    let name = list.entries.get(&items[0].roster_id).and_then(|e| {
                        e.market
                            .as_ref()
                            .map(|m| m.as_str().to_owned())
                            .or_else(|| e.address.as_ref().map(|a| a.as_str().to_owned()))
                    });
                    Place { name, items }
                })
                .collect(),
        })
        .collect();
    arranged
}

/// What a refresh leaves to keep, from the list `before` it, the `state` its pages made and
/// whether it `completed`: the new list when it completed; when it was cut off after some pages,
/// that copy too (as consistent as any: its cursor is the last page applied, so the next sync
/// resumes where this one stopped) but dated as the last complete one; nothing when no page
/// came.
pub fn to_keep(
    before: Option<&Worklist>,
    state: WorklistState,
    completed: bool,
    now: u64,
) -> Option<Worklist> {
    if completed {
        return Some(Worklist {
            state,
            fetched_at: now,
        });
    }
    match before {
        Some(before) if before.state.cursor == state.cursor => None,
        Some(before) => Some(Worklist {
            state,
            fetched_at: before.fetched_at,
        }),
        None if state.cursor.is_none() => None,
        None => Some(Worklist {
            state,
            fetched_at: now,
        }),
    }
}

/// Where the phone's copy is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kept {
    /// Not fetched yet (or not opened yet).
    #[default]
    Nothing,
    /// Stored on the phone, sealed.
    Stored,
    /// In this tab's memory only: storage was too full to keep it.
    MemoryOnly,
    /// Dropped to make room for registrations, at this time; fetched again at the next sync.
    Dropped(u64),
}

/// Status of the last refresh.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Refresh {
    /// None in this tab yet.
    #[default]
    NotYet,
    /// Going.
    Going,
    /// The last one failed (no signal, the city busy): the list is as of `fetched_at`.
    Failed,
}

/// The worklist as the screens see it.
#[derive(Clone, Copy)]
pub struct WorklistContext {
    store: StoreContext,
    /// The list, once opened or fetched.
    pub list: RwSignal<Option<Arc<Worklist>>>,
    /// Where the copy is.
    pub kept: RwSignal<Kept>,
    /// The last refresh.
    pub refresh: RwSignal<Refresh>,
}

impl WorklistContext {
    /// Opens the stored copy with the data key: called at unlock.
    pub async fn unlock(&self, key: &DataKey) {
        open_stored(*self, key.clone()).await;
    }

    fn show(&self, opened: Opened) {
        match opened {
            Opened::Kept(list) => {
                self.list.try_set(Some(Arc::new(list)));
                self.kept.try_set(Kept::Stored);
            }
            Opened::Dropped(at) => {
                // This tab's copy (if any) stays on screen until the next sync.
                self.kept.try_set(Kept::Dropped(at));
            }
            Opened::Absent | Opened::Unreadable => {}
        }
    }

    /// Fetches what changed since the last page and keeps it: after every sync that reached
    /// the city. A failure leaves the list as it was (and says when it was fetched).
    pub async fn refresh(&self, api: &crate::api::AuthorizedApi) -> Result<(), crate::api::Error> {
        let Some(key) = self.store.data_key() else {
            return Ok(()); // not unlocked yet: the next sync after unlock fetches it
        };
        self.refresh.try_set(Refresh::Going);
        let before = self.list.get_untracked();
        let mut state = before.as_ref().map(|l| l.state.clone()).unwrap_or_default();
        let fetched = catch_up(&mut state, |cursor| async move {
            api.worklist(cursor.as_deref()).await
        })
        .await;
        let next = to_keep(
            before.as_deref(),
            state,
            fetched.is_ok(),
            js_sys::Date::now() as u64,
        );
        if let Some(list) = next {
            let kept = match WorklistCache::new(LocalBackend, &key).keep(&list).await {
                Ok(_) => Kept::Stored,
                Err(_) => Kept::MemoryOnly,
            };
            self.list.try_set(Some(Arc::new(list)));
            self.kept.try_set(kept);
        }
        match fetched {
            Ok(()) => {
                self.refresh.try_set(Refresh::NotYet);
                Ok(())
            }
            Err(e) => {
                self.refresh.try_set(Refresh::Failed);
                Err(e)
            }
        }
    }

    /// What the city holds for a complete NIK, if the worklist knows it.
    pub fn registered(&self, nik: &Nik) -> Option<RegisteredNik> {
        self.list
            .with(|l| l.as_ref().and_then(|l| l.state.registered(nik).cloned()))
    }

    /// The open entry with roster id `id`, read once.
    pub fn entry_untracked(&self, id: u64) -> Option<WorklistEntry> {
        self.list
            .with_untracked(|l| l.as_ref().and_then(|l| l.state.entries.get(&id).cloned()))
    }

    /// Forgets the list (the phone's data was wiped).
    pub fn forget(&self) {
        if let Some(key) = self.store.data_key() {
            WorklistCache::new(LocalBackend, &key).forget();
        }
        self.list.set(None);
        self.kept.set(Kept::Nothing);
    }
}

/// Provides the worklist to every screen: empty until [`WorklistContext::unlock`].
pub fn provide_worklist(store: StoreContext) -> WorklistContext {
    let ctx = WorklistContext {
        store,
        list: RwSignal::new(None),
        kept: RwSignal::new(Kept::Nothing),
        refresh: RwSignal::new(Refresh::NotYet),
    };
    // Another tab fetched (only the tab that syncs does): open its copy here too. Removed
    // because storage was full: this tab's copy stays on screen, said to be out of date.
    WORKLIST.follow(move |stored| {
        let Some(key) = store.data_key() else {
            return;
        };
        if stored.is_none() {
            let at = js_sys::Date::now() as u64;
            ctx.kept.set(Kept::Dropped(at));
            return;
        }
        wasm_bindgen_futures::spawn_local(open_stored(ctx, key));
    });
    provide_context(ctx);
    ctx
}

/// Opens the stored worklist into `ctx`. Reading it (its box, two thousand entries into the
/// domain's types) is not needed for the first screen, so its code is a chunk of its own
/// (`#[lazy]`, as the sync run is), loaded at the unlock and precached for runs with no signal.
#[cfg_attr(not(feature = "no-split"), leptos::lazy)]
async fn open_stored(ctx: WorklistContext, key: DataKey) {
    let opened = WorklistCache::new(LocalBackend, &key).open().await;
    ctx.show(opened);
}

/// The worklist provided by [`provide_worklist`].
pub fn use_worklist() -> WorklistContext {
    expect_context()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::cell::RefCell;

    use domain::{
        Date, Kelurahan,
        roster::RosterBusinessType,
        text::{BusinessLocation, PersonName},
        wire::ReceiptNumber,
    };

    use super::*;
    use crate::store::{
        MemoryBackend,
        tests::{FakeCipher, now},
    };

    fn entry(id: u64, nik: &str) -> WorklistEntry {
        WorklistEntry {
            id,
            nik: Nik::parse(nik).unwrap(),
            name: PersonName::parse("Sulastri Wulandari").unwrap(),
            kelurahan: Kelurahan::Kauman,
            business_type: RosterBusinessType::read("Kuliner").unwrap(),
            address: None,
            market: Some(BusinessLocation::parse("Pasar Tanjung Anyar").unwrap()),
        }
    }

    fn nik(n: u64) -> String {
        format!("35760245069{:05}", n)
    }

    fn page(reset: bool, entries: Vec<WorklistEntry>, total: u64, cursor: &str) -> WorklistPage {
        WorklistPage {
            area: Area::of_kelurahan([Kelurahan::Kauman]),
            reset,
            entries,
            removed: vec![],
            registered: vec![],
            open_total: total,
            next_cursor: cursor.into(),
            more: false,
        }
    }

    fn list(n: u64) -> Worklist {
        let mut state = WorklistState::default();
        state.apply(page(
            true,
            (1..=n).map(|i| entry(i, &nik(i))).collect(),
            n,
            "c1",
        ));
        state.registered.insert(
            Nik::parse(&nik(900)).unwrap(),
            RegisteredNik {
                nik: Nik::parse(&nik(900)).unwrap(),
                receipt: ReceiptNumber::new(2026, 7).unwrap(),
                registered_on: Date::parse("2026-11-20").unwrap(),
            },
        );
        Worklist {
            state,
            fetched_at: 1_764_000_000_000,
        }
    }

    #[test]
    fn a_kept_worklist_is_sealed_and_opens_whole_with_the_key() {
        let backend = MemoryBackend::new();
        let cipher = FakeCipher::default();
        let cache = WorklistCache::new(&backend, &cipher);
        assert_eq!(now(cache.open()), Opened::Absent);
        let kept = list(3);
        now(cache.keep(&kept)).unwrap();
        let text = backend.get(keys::WORKLIST).unwrap();
        assert!(
            !text.contains("Sulastri") && !text.contains(&nik(1)),
            "{text}"
        );
        assert!(text.contains("\"n\":3"), "{text}");
        assert_eq!(now(cache.open()), Opened::Kept(kept));

        // Another key does not open it: fetched anew, never shown half read.
        let backend2 = backend.clone();
        backend2
            .set(keys::WORKLIST, &text.replace("\"box\":\"", "\"box\":\"00"))
            .unwrap();
        assert_eq!(now(cache.open()), Opened::Unreadable);
    }

    #[test]
    fn storage_full_drops_the_worklist_before_it_refuses_anything_else() {
        let kept = list(40);
        // Room for the worklist and a little more, not for a registration beside it.
        let probe = MemoryBackend::new();
        let cipher = FakeCipher::default();
        let size = now(WorklistCache::new(&probe, &cipher).keep(&kept)).unwrap();
        let backend = MemoryBackend::with_quota(size + 500);
        let cache = WorklistCache::new(&backend, &cipher);
        now(cache.keep(&kept)).unwrap();
        let record = "x".repeat(2_000);
        backend.set(&keys::record("r1"), &record).unwrap();
        assert_eq!(backend.get(&keys::record("r1")), Some(record));
        assert_eq!(backend.get(keys::WORKLIST), None);
        assert!(matches!(now(cache.open()), Opened::Dropped(_)));

        // The worklist never makes room for itself: too big now, it is refused and nothing
        // else moves.
        assert_eq!(now(cache.keep(&kept)), Err(SaveError::Full));
        assert!(backend.get(&keys::record("r1")).is_some());

        // Once room is back, a fresh copy is kept and the drop forgotten.
        backend.remove(&keys::record("r1"));
        now(cache.keep(&kept)).unwrap();
        assert_eq!(now(cache.open()), Opened::Kept(kept));
        assert_eq!(backend.get(keys::WORKLIST_DROPPED), None);

        // With nothing to drop, a write that does not fit is refused as before.
        let full = MemoryBackend::with_quota(100);
        assert!(full.set("k", &"y".repeat(200)).is_err());
    }

    #[test]
    fn the_screen_groups_by_kelurahan_and_place_and_drops_what_this_phone_registered() {
        use std::collections::HashMap;
        let mut state = WorklistState::default();
        let at_market = |id: u64, name: &str| {
            let mut e = entry(id, &nik(id));
            e.name = PersonName::parse(name).unwrap();
            e
        };
        let a = at_market(1, "Wahyudi Santoso");
        let b = at_market(2, "Endang Lestari");
        let mut c = at_market(3, "Agus Hidayat");
        c.market = None;
        let mut d = at_market(4, "Kartini Rahayu");
        d.kelurahan = Kelurahan::Miji;
        d.market = None;
        d.address = Some(domain::text::Street::parse("Jl. Empunala 5").unwrap());
        let e = at_market(5, "Slamet Prasetyo");
        state.apply(page(true, vec![a, b, c, d, e], 5, "c"));

        let key = |n| crate::store::record::nik_key(&nik(n)).unwrap();
        let on_phone = HashMap::from([
            // Saved and queued on this phone: off the list at once.
            (
                key(5),
                OnPhone {
                    id: "r5".into(),
                    draft: false,
                },
            ),
            // A draft: still to register, and it opens that draft.
            (
                key(2),
                OnPhone {
                    id: "r2".into(),
                    draft: true,
                },
            ),
        ]);
        let all = arrange(&state, &on_phone, "");
        assert_eq!((all.left, all.found), (4, 4));
        type Shape<'a> = Vec<(&'a str, Vec<(Option<&'a str>, Vec<&'a str>)>)>;
        let shape: Shape = all
            .groups
            .iter()
            .map(|g| {
                (
                    g.kelurahan.name(),
                    g.places
                        .iter()
                        .map(|p| {
                            (
                                p.name.as_deref(),
                                p.items.iter().map(|i| i.name.as_str()).collect(),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (
                    "Kauman",
                    vec![
                        (
                            Some("Pasar Tanjung Anyar"),
                            vec!["Endang Lestari", "Wahyudi Santoso"]
                        ),
                        (None, vec!["Agus Hidayat"]),
                    ]
                ),
                (
                    "Miji",
                    vec![(Some("Jl. Empunala 5"), vec!["Kartini Rahayu"])]
                ),
            ]
        );
        let endang = &all.groups[0].places[0].items[0];
        assert_eq!(endang.draft.as_deref(), Some("r2"));
        assert_eq!(endang.nik_last_four, nik(2)[12..]);

        // A search narrows what is shown, not what is left.
        let found = arrange(&state, &on_phone, &nik(4)[12..]);
        assert_eq!((found.left, found.found), (4, 1));
        assert_eq!(found.groups[0].kelurahan, Kelurahan::Miji);
        let none = arrange(&state, &on_phone, "Budi");
        assert_eq!((none.left, none.found, none.groups.len()), (4, 0, 0));
    }

    #[test]
    fn a_refresh_cut_off_after_some_pages_keeps_them_to_resume_from() {
        let before = list(2);
        let mut more = before.state.clone();
        more.apply(page(false, vec![entry(3, &nik(3))], 3, "c2"));
        // Completed: the new list, dated now.
        let done = to_keep(Some(&before), more.clone(), true, 42).unwrap();
        assert_eq!((done.state.entries.len(), done.fetched_at), (3, 42));
        // Cut off after a page: kept with its cursor, dated as the last complete one.
        let partial = to_keep(Some(&before), more.clone(), false, 42).unwrap();
        assert_eq!(partial.state.cursor.as_deref(), Some("c2"));
        assert_eq!(partial.fetched_at, before.fetched_at);
        // Cut off before any page: nothing new to keep.
        assert_eq!(
            to_keep(Some(&before), before.state.clone(), false, 42),
            None
        );
        assert_eq!(to_keep(None, WorklistState::default(), false, 42), None);
        // A first refresh cut off after its first page: kept, to resume from.
        let first = to_keep(None, more, false, 42).unwrap();
        assert_eq!(first.fetched_at, 42);
    }

    #[test]
    fn catching_up_follows_pages_and_starts_over_once_when_the_count_is_off() {
        // Two pages, then done.
        let asked = RefCell::new(Vec::new());
        let mut state = WorklistState::default();
        let answers = RefCell::new(vec![
            {
                let mut p = page(true, vec![entry(1, &nik(1))], 2, "p1");
                p.more = true;
                p
            },
            page(false, vec![entry(2, &nik(2))], 2, "p2"),
        ]);
        now(catch_up(&mut state, |cursor| {
            asked.borrow_mut().push(cursor);
            let next = answers.borrow_mut().remove(0);
            async move { Ok::<_, ()>(next) }
        }))
        .unwrap();
        assert_eq!(*asked.borrow(), [None, Some("p1".to_owned())]);
        assert_eq!(state.entries.len(), 2);
        assert_eq!(state.cursor.as_deref(), Some("p2"));

        // The city counts 3 open entries but the copy has 2: asked again from scratch, once.
        let asked = RefCell::new(Vec::new());
        let answers = RefCell::new(vec![
            page(false, vec![], 3, "p3"),
            page(true, (1..=3).map(|i| entry(i, &nik(i))).collect(), 3, "p4"),
        ]);
        now(catch_up(&mut state, |cursor| {
            asked.borrow_mut().push(cursor);
            let next = answers.borrow_mut().remove(0);
            async move { Ok::<_, ()>(next) }
        }))
        .unwrap();
        assert_eq!(*asked.borrow(), [Some("p2".to_owned()), None]);
        assert_eq!(state.entries.len(), 3);

        // A failure is returned and the pages applied before it stay.
        let failed = now(catch_up(&mut state, |_| async {
            Err::<WorklistPage, _>("no signal")
        }));
        assert_eq!(failed, Err("no signal"));
        assert_eq!(state.entries.len(), 3);
    }
}
