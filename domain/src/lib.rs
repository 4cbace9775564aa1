//! What a valid Lindungi registration is (the domain crate lands in the next commits).
