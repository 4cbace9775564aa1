//! The token buckets, per key: how many requests are left and when the next one may come.

use std::{collections::HashMap, net::IpAddr, sync::Mutex, time::Instant};

use crate::config::{Bucket, RateLimits};

/// Buckets kept before idle ones are swept (each is a few dozen bytes).
const SWEEP_ABOVE: usize = 10_000;

#[derive(Clone, Copy, Debug)]
struct Level {
    tokens: f64,
    at: Instant,
}

/// Token buckets by key.
#[derive(Debug)]
struct Buckets {
    size: Bucket,
    levels: Mutex<HashMap<String, Level>>,
}

impl Buckets {
    fn new(size: Bucket) -> Self {
        Self {
            size,
            levels: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`: `Ok` or the seconds to wait.
    fn take(&self, key: &str, now: Instant) -> Result<(), u64> {
        let Bucket { burst, per_second } = self.size;
        let burst = f64::from(burst.max(1));
        let mut levels = self.levels.lock().unwrap_or_else(|e| e.into_inner());
        if levels.len() > SWEEP_ABOVE {
            // Forget buckets that have refilled: they behave exactly like new ones.
            levels.retain(|_, l| {
                l.tokens + now.duration_since(l.at).as_secs_f64() * per_second < burst
            });
        }
        let level = levels.entry(key.to_owned()).or_insert(Level {
            tokens: burst,
            at: now,
        });
        let tokens =
            (level.tokens + now.duration_since(level.at).as_secs_f64() * per_second).min(burst);
        if tokens >= 1.0 {
            *level = Level {
                tokens: tokens - 1.0,
                at: now,
            };
            Ok(())
        } else {
            *level = Level { tokens, at: now };
            let wait = if per_second > 0.0 {
                (1.0 - tokens) / per_second
            } else {
                3600.0
            };
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

/// The API's rate limiter.
#[derive(Debug)]
pub struct RateLimiter {
    per_token: Buckets,
    per_address: Buckets,
}

impl RateLimiter {
    /// A limiter with these bucket sizes.
    pub fn new(limits: RateLimits) -> Self {
        Self {
            per_token: Buckets::new(limits.per_token),
            per_address: Buckets::new(limits.per_address),
        }
    }

    /// Takes a token for the address and (if any) the token hash: `Ok`, or the seconds to wait.
    pub(super) fn check(
        &self,
        address: Option<IpAddr>,
        token_hash: Option<&str>,
    ) -> Result<(), u64> {
        let now = Instant::now();
        if let Some(address) = address {
            self.per_address.take(&address.to_string(), now)?;
        }
        if let Some(hash) = token_hash {
            self.per_token.take(hash, now)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_allows_its_burst_then_refills_over_time() {
        let buckets = Buckets::new(Bucket {
            burst: 3,
            per_second: 1.0,
        });
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(buckets.take("k", start), Ok(()));
        }
        assert_eq!(buckets.take("k", start), Err(1));
        assert_eq!(buckets.take("other", start), Ok(()));
        assert_eq!(
            buckets.take("k", start + Duration::from_millis(1100)),
            Ok(())
        );
    }
}
