//! Names of a registration's states, as shown in lists.

use super::Text;
use crate::{store::RecordState, text};

/// The label of a state.
pub fn label(state: RecordState) -> Text {
    match state {
        RecordState::Draft => text!("Draf", "Draft"),
        RecordState::Queued => text!("Menunggu dikirim", "Waiting to send"),
        RecordState::Sending => text!("Sedang dikirim", "Sending"),
        RecordState::Synced => text!("Terkirim", "Sent"),
        RecordState::NeedsFix => text!("Perlu diperbaiki", "Needs fixing"),
        RecordState::DuplicateElsewhere => text!(
            "Sudah terdaftar di tempat lain",
            "Already registered elsewhere"
        ),
        RecordState::IdConflict => text!("Perlu diperiksa", "Needs checking"),
    }
}
