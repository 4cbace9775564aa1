//! The app's two languages. Bahasa Indonesia first; English as a switch that is
//! remembered on this phone. Every visible string is a [`Text`], which cannot be written
//! without both languages, so a missing translation is a compile error, not a blank.
//!
//! Strings are grouped by the screen or feature that shows them, one module each.

pub mod common;
pub mod errors;
pub mod form;
pub mod home;
pub mod koperasi;
pub mod list;
pub mod pin;
pub mod pwa;
pub mod settings;
pub mod states;
pub mod sync;
pub mod worklist;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::settings::Setting;
use crate::store::keys;

/// The interface language chosen on this phone.
pub const LANGUAGE: Setting<Lang> = Setting::new(keys::LANGUAGE);

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// Bahasa Indonesia, the default.
    #[default]
    #[serde(rename = "id")]
    Id,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// One visible string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Bahasa Indonesia.
    pub id: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The string in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.id,
            Lang::En => self.en,
        }
    }
}

/// Shorthand for declaring a [`Text`].
#[macro_export]
macro_rules! text {
    ($id:expr, $en:expr) => {
        $crate::i18n::Text { id: $id, en: $en }
    };
}

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// `text` in the current language (tracked: use inside a closure in a view).
    pub fn t(&self, text: &Text) -> &'static str {
        text.get(self.lang.get())
    }

    /// Switches language, remembers it, and updates `<html lang>` for screen readers.
    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
        // Remembering is a nicety: if storage is full the switch still works for now.
        let _ = LANGUAGE.set(&lang);
        set_document_lang(lang);
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.tag());
    }
}

/// Provides the language, read from this phone's storage (Indonesian if never chosen).
pub fn provide_i18n() {
    let lang = LANGUAGE.get().unwrap_or_default();
    set_document_lang(lang);
    let i18n = I18n {
        lang: RwSignal::new(lang),
    };
    // Another tab switched: follow it, so two tabs never speak two languages.
    LANGUAGE.follow(move |lang| {
        let lang = lang.unwrap_or_default();
        i18n.lang.set(lang);
        set_document_lang(lang);
    });
    provide_context(i18n);
}

/// The language context. Panics only if called outside `App`, a programming error.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
