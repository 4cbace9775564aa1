//! Filling the browser's real `localStorage` quota, for the tests of what a full storage does.

use gloo_storage::{LocalStorage, Storage};

/// Fills what is left of the quota (big chunks first, then smaller ones, until nothing fits);
/// the number of filler keys written, for [`clear_filler`].
pub fn fill_storage() -> usize {
    let storage = LocalStorage::raw();
    let mut n = 0;
    for size in [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16] {
        let chunk = "x".repeat(size);
        while storage.set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        }
    }
    n
}

/// Removes the `n` filler keys again.
pub fn clear_filler(n: usize) {
    for i in 0..n {
        LocalStorage::delete(format!("filler.{i}"));
    }
}
