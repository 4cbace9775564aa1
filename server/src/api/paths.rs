//! Where the API's routes are: the paths of `domain::wire`, as routes of the router nested at
//! the API's prefix.

use domain::wire::API_PREFIX;

/// A path of `domain::wire` (`/api/v1/devices`) as its route under [`super::router`], which
/// is nested at the API's prefix.
pub(super) fn under_api(path: &'static str) -> &'static str {
    path.strip_prefix(API_PREFIX)
        .expect("every API path starts with the API's prefix")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_path_is_routed_under_the_prefix_it_starts_with() {
        assert_eq!(under_api(domain::wire::BATCH_PATH), "/registrations/batch");
        assert_eq!(under_api(domain::wire::DEVICES_PATH), "/devices");
    }
}
