//! The walking skeleton: type a name, keep it on the phone, send it to the city.

use leptos::prelude::*;

use crate::{
    api,
    store::{self, Entry, EntryState},
};

/// Name entry, the stored names with their state, and a sync button.
#[component]
pub fn SkeletonPage() -> impl IntoView {
    let (entries, set_entries) = signal(store::load_all().unwrap_or_default());
    let (name, set_name) = signal(String::new());
    let (message, set_message) = signal(None::<String>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = name.get_untracked().trim().to_owned();
        if trimmed.is_empty() {
            set_message.set(Some("Nama wajib diisi / Name is required".into()));
            return;
        }
        let entry = Entry {
            id: store::new_id(),
            name: trimmed,
            state: EntryState::OnPhone,
        };
        match store::save(&entry) {
            Ok(()) => {
                set_entries.update(|all| all.push(entry));
                set_name.set(String::new());
                set_message.set(Some("Tersimpan di ponsel ini / Saved on this phone".into()));
            }
            Err(e) => set_message.set(Some(format!("Gagal menyimpan / Could not save: {e}"))),
        }
    };

    let sync = Action::new_local(move |_: &()| async move {
        let unsent: Vec<Entry> = entries
            .get_untracked()
            .into_iter()
            .filter(|e| e.state == EntryState::OnPhone)
            .collect();
        if unsent.is_empty() {
            return Ok(0);
        }
        let received = api::send(&unsent).await?;
        let mut updated = entries.get_untracked();
        for entry in updated
            .iter_mut()
            .filter(|e| received.received.contains(&e.id))
        {
            entry.state = EntryState::Sent;
            store::save(entry).map_err(|e| e.to_string())?;
        }
        set_entries.set(updated);
        Ok::<usize, String>(received.received.len())
    });
    Effect::new(move || {
        if let Some(result) = sync.value().get() {
            set_message.set(Some(match result {
                Ok(n) => format!("{n} terkirim / {n} sent"),
                Err(e) => format!("Belum terkirim / Not sent: {e}"),
            }));
        }
    });

    view! {
        <main class="page">
            <h1>"Lindungi"</h1>
            <form on:submit=save>
                <label for="name">"Nama"</label>
                <input id="name" type="text" autocomplete="off" bind:value=(name, set_name)/>
                <button type="submit">"Simpan"</button>
            </form>
            <button type="button" on:click=move |_| { sync.dispatch(()); }>"Kirim"</button>
            <p role="status">{move || message.get()}</p>
            <ul aria-label="Daftar">
                <For each=move || entries.get() key=|e| (e.id.clone(), e.state) let:entry>
                    <li>
                        <span class="name">{entry.name.clone()}</span>
                        " — "
                        <span class="state">
                            {match entry.state {
                                EntryState::OnPhone => "di ponsel ini",
                                EntryState::Sent => "terkirim",
                            }}
                        </span>
                    </li>
                </For>
            </ul>
        </main>
    }
}
