//! How long the unlock screen waits after wrong PINs. Each wrong PIN in a row doubles the wait,
//! from [`FIRST_WAIT_MS`] up to [`LONGEST_WAIT_MS`]; the count is stored, so reloading the
//! page does not reset it, and nothing is ever wiped for a wrong PIN (an officer who forgot
//! the PIN loses nothing: the city opens the backup). The waits slow guessing by hand only:
//! someone who copies the storage guesses at the speed of PBKDF2 (`docs/security.md`).

use serde::{Deserialize, Serialize};

use crate::{settings::Setting, store::keys};

/// The wait after the first wrong PIN.
pub const FIRST_WAIT_MS: u64 = 5_000;
/// The longest wait: long enough that 10^6 PINs take years by hand, short enough that an
/// officer who mistypes a few times is not locked out of a working day.
pub const LONGEST_WAIT_MS: u64 = 15 * 60_000;

/// Wrong PINs in a row, and until when the next PIN is refused without being tried.
pub const PIN_LOCKOUT: Setting<Lockout> = Setting::new(keys::PIN_LOCKOUT);

/// Wrong PINs typed in a row, as stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lockout {
    /// Wrong PINs since the last right one.
    pub failures: u32,
    /// When the next PIN may be tried (milliseconds since the epoch, the phone's clock).
    pub until_ms: u64,
}

/// The wait after the `failures`-th wrong PIN in a row.
pub fn wait_after(failures: u32) -> u64 {
    if failures == 0 {
        return 0;
    }
    let doublings = (failures - 1).min(20);
    (FIRST_WAIT_MS << doublings).min(LONGEST_WAIT_MS)
}

impl Lockout {
    /// After one more wrong PIN typed at `now_ms`.
    pub fn failed(self, now_ms: u64) -> Lockout {
        let failures = self.failures.saturating_add(1);
        Lockout {
            failures,
            until_ms: now_ms + wait_after(failures),
        }
    }

    /// Milliseconds left before a PIN may be tried at `now_ms`. Never more than the wait this
    /// many failures earn: a clock set back does not lock the officer out for longer.
    pub fn remaining_ms(&self, now_ms: u64) -> u64 {
        self.until_ms
            .saturating_sub(now_ms)
            .min(wait_after(self.failures))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wrong_pin_in_a_row_doubles_the_wait_up_to_the_longest() {
        let waits: Vec<u64> = (0..=10).map(wait_after).collect();
        assert_eq!(
            waits[..6],
            [0, 5_000, 10_000, 20_000, 40_000, 80_000],
            "{waits:?}"
        );
        assert_eq!(wait_after(9), LONGEST_WAIT_MS);
        assert_eq!(wait_after(u32::MAX), LONGEST_WAIT_MS);
    }

    #[test]
    fn a_wrong_pin_is_refused_until_its_wait_has_passed() {
        let now = 1_000_000;
        let once = Lockout::default().failed(now);
        assert_eq!(once.remaining_ms(now), 5_000);
        assert_eq!(once.remaining_ms(now + 4_999), 1);
        assert_eq!(once.remaining_ms(now + 5_000), 0);
        let twice = once.failed(now + 5_000);
        assert_eq!(twice.failures, 2);
        assert_eq!(twice.remaining_ms(now + 5_000), 10_000);
    }

    #[test]
    fn a_clock_set_back_never_makes_the_wait_longer_than_earned() {
        let once = Lockout::default().failed(10_000_000);
        assert_eq!(once.remaining_ms(0), 5_000);
    }

    #[test]
    fn the_count_is_stored_and_read_back_as_it_was() {
        let backend = crate::store::MemoryBackend::new();
        let state = Lockout::default().failed(1_000).failed(7_000);
        PIN_LOCKOUT.set_in(&backend, &state).unwrap();
        assert_eq!(PIN_LOCKOUT.get_in(&backend), Some(state));
    }
}
