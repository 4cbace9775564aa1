//! The table lines this part writes for scripts/bench: each measured value beside its
//! baseline, its budget and whether it is within.

use serde_json::{Value, json};

/// Every line and every raw sample of the run.
#[derive(Default)]
pub struct Lines {
    pub lines: Vec<Value>,
    pub details: Vec<Value>,
    /// The worst peak resident memory of the endpoint and the run it was seen in.
    peak: Option<(u64, String)>,
    /// The endpoint's resident memory just after start-up.
    idle: Option<u64>,
}

impl Lines {
    pub fn push(
        &mut self,
        line: &str,
        measured: String,
        baseline: &str,
        budget: &str,
        within: Option<bool>,
    ) {
        self.lines.push(json!({
            "line": line, "measured": measured, "baseline": baseline, "budget": budget,
            "within": within,
        }));
    }

    /// A line whose measurement could not be made, saying why.
    pub fn not_measured(&mut self, line: &str, why: &str, baseline: &str, budget: &str) {
        self.push(line, format!("not measured: {why}"), baseline, budget, None);
    }

    /// Notes an endpoint's memory after a run.
    pub fn peak(&mut self, peak_kib: Option<u64>, idle_kib: Option<u64>, run: &str) {
        if let Some(kib) = peak_kib
            && self.peak.as_ref().is_none_or(|(p, _)| kib > *p)
        {
            self.peak = Some((kib, run.to_owned()));
        }
        self.idle = self.idle.or(idle_kib);
    }

    /// The memory line: the worst peak of every run, next to the memory after start-up.
    pub fn memory_line(&mut self) {
        let measured = match &self.peak {
            Some((kib, run)) => {
                format!("{:.1} MiB (VmHWM, worst run: {run})", *kib as f64 / 1024.0)
            }
            None => "not measured: no ingest run finished".to_owned(),
        };
        let baseline = match self.idle {
            Some(kib) => format!("{:.1} MiB idle after start-up", kib as f64 / 1024.0),
            None => "not measured".to_owned(),
        };
        self.push(
            "Memory, endpoint peak RSS during ingest",
            measured,
            &baseline,
            "—",
            None,
        );
    }
}

/// 12345.6 → "12,346".
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 0.614 → "61 %".
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}
