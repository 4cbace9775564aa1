//! The installable app: the service worker that keeps the shell on the phone and offers
//! new versions ([`worker`]), the install action ([`install`]), and the "unsaved
//! changes" flag that forms raise so an update never swaps a page under a form.

mod install;
mod worker;

use leptos::prelude::*;

pub use install::{Install, InstallWay, use_install};
pub use worker::{Update, use_update};

/// Whether a form holds changes not yet written to the phone's storage.
///
/// Forms set it while what is on screen differs from what storage holds (typically: the
/// last draft write failed, or a write is pending) and clear it once storage has it.
/// While it is set, the app refuses to switch to a new version, since switching reloads
/// the page.
#[derive(Clone, Copy)]
pub struct UnsavedChanges(RwSignal<bool>);

impl UnsavedChanges {
    /// Whether there are unsaved changes (tracked).
    pub fn get(&self) -> bool {
        self.0.get()
    }

    /// Whether there are unsaved changes, without tracking (for event handlers).
    pub fn get_untracked(&self) -> bool {
        self.0.get_untracked()
    }

    /// Raises (`true`) or clears (`false`) the flag. Forms call this on every keystroke;
    /// only a change wakes whatever watches it.
    pub fn set(&self, unsaved: bool) {
        if self.0.get_untracked() != unsaved {
            self.0.set(unsaved);
        }
    }
}

/// Provides the unsaved-changes flag, initially clear.
pub fn provide_unsaved_changes() {
    provide_context(UnsavedChanges(RwSignal::new(false)));
}

/// The unsaved-changes flag. Panics only if called outside `App`, a programming error.
pub fn use_unsaved_changes() -> UnsavedChanges {
    expect_context::<UnsavedChanges>()
}

/// Provides everything the installable app needs (call once, in `App`): the
/// unsaved-changes flag, the service worker's update state (and registers the worker),
/// and the install action.
pub fn provide() {
    provide_unsaved_changes();
    worker::provide();
    install::provide();
}
