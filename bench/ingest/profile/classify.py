"""Reads a folded perf profile of the endpoint (inferno-collapse-perf: one stack per line, root
first, then its weight) and prints, as a Markdown table, where the CPU time goes: each sample is
given to the first place below whose test its stack passes.

    python3 classify.py ENDPOINT.folded

The places are those the ingest path is made of (see BENCHMARKS.md, "Where ingest time goes").
A frame that was inlined shows under its caller: that is why some tests look for the caller.
"""
import collections
import re
import sys

PLACES = [
    ("fsync of the log at commit (kernel)", r"fdatasync|fsync|unixSync"),
    ("SQLite: BEGIN / COMMIT (log frames, locks)", r"ConnectionHandle::exec"),
    ("SQLite: B-tree writes (rows and index entries)", r"sqlite3_step.*sqlite3BtreeInsert"),
    ("SQLite: other statement work (look-ups, unique checks)", r"sqlite3_step"),
    ("SQLite: prepare, bind, reset",
     r"sqlite3_prepare|sqlite3LockAndPrepare|sqlite3_bind|SqliteArguments|sqlite3_reset"
     r"|sqlite3_clear_bindings|sqlite3_column"),
    ("sqlx-sqlite worker thread: waiting for and taking each statement", r"^sqlx-sqlite-wor"),
    ("sqlx Any driver: argument and row conversion",
     r"AnyArguments|any::types|AnyRow|AnyValue|any::row|any::value|convert_into"),
    ("sqlx-postgres: per-statement protocol, socket writes and reads",
     r"sqlx_postgres|sqlx_core::net"),
    ("tokio side of the hand-over to SQLite (channels, wake-ups)",
     r"flume|sqlx_sqlite::connection"),
    ("validation (Registration::from_submission)", r"from_submission"),
    ("canonical JSON (serializing each registration)",
     r"(Checked::new|Item::new|Serialize for lindungi_domain::registration::model)"
     r".*(serde_json::ser|[Ss]erializ)"),
    ("reading the request JSON",
     r"serde_path_to_error|Deserialize|serde_json::de|drop_in_place<lindungi_domain::wire"),
    ("writing the response JSON", r"serde_json::ser|Serialize"),
    ("rest of the batch (plan, look-up maps, binding, allocation)",
     r"receive_batch|ingest::check_all|ingest::plan|ingest::store"),
    ("HTTP (hyper, axum, tower, tracing)", r"hyper|axum|tower|tracing"),
    ("tokio scheduler: parking, waking, idle", r"tokio"),
    ("start-up and other", r""),
]


def main(path):
    compiled = [(label, re.compile(pattern)) for label, pattern in PLACES]
    total = 0
    by_place = collections.Counter()
    with open(path) as folded:
        for line in folded:
            stack, weight = line.rstrip().rsplit(" ", 1)
            weight = int(weight)
            total += weight
            for label, pattern in compiled:
                if pattern.search(stack):
                    by_place[label] += weight
                    break
    print("| Where the endpoint's CPU time goes | share |")
    print("|---|---:|")
    for label, _ in PLACES:
        if by_place[label]:
            print(f"| {label} | {100 * by_place[label] / total:.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1])
