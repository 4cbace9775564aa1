//! The registration being edited, shared by the form's steps: the submission itself,
//! its errors as computed by the domain crate, which fields were touched, and the
//! storage of every change as it happens. Every change is stamped by the clock rule
//! (`domain::clock`: never before the record's earlier times) and stored through the store's
//! compare-and-write, which refuses it once the registration has left the officer's hands.

use std::collections::HashSet;

use domain::{Date, FieldError, Submission};
use leptos::prelude::*;

use crate::{
    clock,
    store::{RecordState, SaveError, StoredRecord, context::StoreContext},
};

/// A field of the form: how to read it and how to write it, by its error path.
#[derive(Clone, Copy)]
pub struct Lens {
    /// The field's error path (one of `domain::errors::path`).
    pub path: &'static str,
    /// Reads the field.
    pub get: fn(&Submission) -> String,
    /// Writes the field.
    pub set: fn(&mut Submission, String),
}

/// A yes/no field of the form.
#[derive(Clone, Copy)]
pub struct Toggle {
    /// The field's error path.
    pub path: &'static str,
    /// Reads the field.
    pub get: fn(&Submission) -> bool,
    /// Writes the field.
    pub set: fn(&mut Submission, bool),
}

/// `lens!(path::NIK => participant.nik)`: the text field at that place of the form,
/// with the domain's stable error path for it.
#[macro_export]
macro_rules! lens {
    ($path:expr => $($f:ident).+) => {
        $crate::components::form::draft::Lens {
            path: $path,
            get: |s| s.form.$($f).+.clone(),
            set: |s, v| s.form.$($f).+ = v,
        }
    };
}

/// `toggle!(path => address.outside_city)`: a yes/no field of the form.
#[macro_export]
macro_rules! toggle {
    ($path:expr => $($f:ident).+) => {
        $crate::components::form::draft::Toggle {
            path: $path,
            get: |s| s.form.$($f).+,
            set: |s, v| s.form.$($f).+ = v,
        }
    };
}

/// Whether the last write reached storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Persisted {
    /// Nothing typed yet: nothing to keep.
    Nothing,
    /// Every change so far is in storage.
    Saved,
    /// The last change could not be stored.
    Failed(SaveError),
}

/// The registration being edited.
#[derive(Clone, Copy)]
pub struct Draft {
    /// The submission as typed.
    pub sub: RwSignal<Submission>,
    /// Its state when it was opened (a queued or needs-fix one becomes a draft while edited).
    pub opened_as: RecordState,
    /// Every error the domain crate finds, recomputed on each change.
    pub errors: Memo<Vec<FieldError>>,
    /// Field errors the city sent back, shown until the field is changed.
    pub server_errors: RwSignal<Vec<FieldError>>,
    touched: RwSignal<HashSet<String>>,
    /// Show every error, touched or not (after a refused save).
    pub show_all: RwSignal<bool>,
    /// Whether the last change is in storage.
    pub persisted: RwSignal<Persisted>,
    store: StoreContext,
    /// Raised while the screen holds a change storage refused (a new app version must not
    /// reload the page then).
    unsaved: crate::pwa::UnsavedChanges,
    /// Today, for the rules about age and dates.
    pub today: Date,
}

impl Draft {
    /// Opens `sub` for editing. Times a clock set back left out of order are put back in order
    /// (`Submission::repair_times`), and the city's complaint about them goes with them: the
    /// form has no field for it, and nothing is left for the officer to fix there.
    pub fn new(
        store: StoreContext,
        mut sub: Submission,
        opened_as: RecordState,
        mut city_errors: Vec<FieldError>,
    ) -> Self {
        if sub.repair_times() {
            city_errors.retain(|e| e.path != domain::errors::path::UPDATED_AT);
        }
        let today = clock::today();
        let unsaved = crate::pwa::use_unsaved_changes();
        on_cleanup(move || unsaved.set(false));
        let sub = RwSignal::new(sub);
        let errors = Memo::new(move |_| sub.with(|s| s.form.errors(today)));
        Self {
            sub,
            opened_as,
            errors,
            server_errors: RwSignal::new(city_errors),
            touched: RwSignal::new(HashSet::new()),
            show_all: RwSignal::new(false),
            persisted: RwSignal::new(if opened_as == RecordState::Draft {
                Persisted::Nothing
            } else {
                Persisted::Saved
            }),
            store,
            unsaved,
            today,
        }
    }

    /// Changes one field, then stores the draft at once: a closed tab or a crash loses nothing.
    pub fn change(&self, path: &str, edit: impl FnOnce(&mut Submission)) {
        self.sub.update(|s| {
            edit(s);
            s.touch(clock::now());
        });
        self.touched.update(|t| {
            t.insert(path.to_owned());
        });
        self.server_errors.update(|e| e.retain(|x| x.path != path));
        self.persist();
    }

    /// Marks fields as touched so their errors show.
    pub fn touch(&self, paths: &[&str]) {
        self.touched
            .update(|t| t.extend(paths.iter().map(|p| (*p).to_owned())));
    }

    /// Marks every field of a step as touched, including the numbered ones under a listed
    /// prefix (`workers.`), so "Next" shows all of the step's errors.
    pub fn touch_step(&self, paths: &[&str]) {
        self.touch(paths);
        let under: Vec<String> = self.errors.with_untracked(|e| {
            e.iter()
                .filter(|x| belongs(paths, &x.path))
                .map(|x| x.path.clone())
                .collect()
        });
        self.touched.update(|t| t.extend(under));
    }

    /// Forgets the city's errors under `prefix` (the worker rows shift when one is removed, so
    /// their old errors would land on the wrong row).
    pub fn clear_server_errors_under(&self, prefix: &str) {
        self.server_errors
            .update(|e| e.retain(|x| !x.path.starts_with(prefix)));
    }

    fn persist(&self) {
        // A needs-fix record being edited keeps the city's errors not yet fixed.
        let record = StoredRecord::Draft {
            submission: self.sub.get_untracked(),
            city_errors: self.server_errors.get_untracked(),
        };
        // Sealing awaits the browser; a later change's save supersedes this one if it is asked
        // for meanwhile (`StoreContext::save`).
        let (store, unsaved, persisted) = (self.store, self.unsaved, self.persisted);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match store.save(&record).await {
                Ok(_) => Persisted::Saved,
                Err(e) => Persisted::Failed(e),
            };
            unsaved.set(matches!(outcome, Persisted::Failed(_)));
            persisted.set(outcome);
        });
    }

    /// The error code to show at `path`, if any (tracked).
    pub fn error_at(&self, path: &str) -> Option<String> {
        if let Some(e) = self
            .server_errors
            .with(|e| e.iter().find(|x| x.path == path).cloned())
        {
            return Some(e.code);
        }
        let visible = self.show_all.get() || self.touched.with(|t| t.contains(path));
        if !visible {
            return None;
        }
        self.errors
            .with(|e| e.iter().find(|x| x.path == path).map(|x| x.code.clone()))
    }

    /// Whether any field of a step (see [`belongs`]) has an error (tracked, touched or not).
    pub fn has_errors_in(&self, paths: &[&str]) -> bool {
        self.errors
            .with(|e| e.iter().any(|x| belongs(paths, &x.path)))
            || self
                .server_errors
                .with(|e| e.iter().any(|x| belongs(paths, &x.path)))
    }
}

/// Whether the field at `path` is one of a step's `paths`: listed as is, or under a listed
/// prefix that ends with a dot (`workers.` holds `workers.2.nik`).
pub fn belongs(paths: &[&str], path: &str) -> bool {
    paths
        .iter()
        .any(|p| *p == path || (p.ends_with('.') && path.starts_with(p)))
}
