#!/usr/bin/env bash
# A flame graph of the release endpoint (`--profile server`) while it takes the ingest
# benchmark's run of batches of 500 (three runs of 10,000 registrations), and the table of where
# its CPU time goes (classify.py). BENCHMARKS.md ("Where ingest time goes") reads one.
#
#   bench/ingest/profile/profile.sh [SQLite|PostgreSQL] [OUT_DIR]
#
# Samples with perf's cpu-clock (hardware counters are not offered on the project's virtual
# machines), 499 per second per thread, with DWARF call stacks (the endpoint keeps its unwind
# tables: the server profile does not abort on panic). Writes OUT_DIR (target/bench/profile by
# default): <backend>.folded, <backend>.svg (inferno-flamegraph, installed once if missing) and
# <backend>.md. Not part of scripts/bench: profiling slows the endpoint down.
set -euo pipefail
source "$(dirname "$0")/../../../scripts/setup.sh"
BACKEND=${1:-SQLite}
OUT=${2:-$ROOT/target/bench/profile}
mkdir -p "$OUT"
cd "$ROOT"

if ! perf record -e cpu-clock -o "$OUT/check.data" -- true >/dev/null 2>&1; then
  echo "not profiled: perf cannot sample on this machine (perf record -e cpu-clock failed)" >&2
  exit 0
fi
rm -f "$OUT/check.data"
if ! command -v inferno-flamegraph >/dev/null; then
  say "installing inferno (flame graphs, once)"
  cargo install inferno --locked
fi
cargo build --locked --profile server -p lindungi-server -p lindungi-bench-ingest

# The benchmark starts the endpoint itself: it is given this wrapper, which records the
# `serve` process and runs every other command (create-officer) as it is.
rm -f "$OUT"/perf-*.data
cat >"$OUT/endpoint.sh" <<EOF
#!/bin/sh
case " \$* " in
  *" serve "*) exec perf record -e cpu-clock -F 499 --call-graph dwarf,16384 -o "$OUT/perf-\$\$.data" -- "$ROOT/target/server/lindungi-server" "\$@" ;;
esac
exec "$ROOT/target/server/lindungi-server" "\$@"
EOF
chmod +x "$OUT/endpoint.sh"

run=(env BENCH_INGEST_PARTS=one-phone BENCH_INGEST_BACKENDS="$BACKEND" BENCH_INGEST_BATCHES=500
  target/server/lindungi-bench-ingest "$OUT/endpoint.sh" "$OUT/run.json")
if [ "$BACKEND" = PostgreSQL ]; then
  LINDUNGI_PG_DURABLE=1 scripts/with-postgres.sh "${run[@]}"
else
  "${run[@]}"
fi

for data in "$OUT"/perf-*.data; do perf script -i "$data" 2>/dev/null; done \
  | inferno-collapse-perf >"$OUT/$BACKEND.folded"
rm -f "$OUT"/perf-*.data
inferno-flamegraph --title "Endpoint, $BACKEND, batches of 500 (cpu-clock)" --minwidth 0.5 \
  <"$OUT/$BACKEND.folded" >"$OUT/$BACKEND.svg"
python3 "$ROOT/bench/ingest/profile/classify.py" "$OUT/$BACKEND.folded" | tee "$OUT/$BACKEND.md"
grep -o '"measured": "[^"]*"' "$OUT/run.json" | head -n 1
echo "Written: $OUT/$BACKEND.svg, $OUT/$BACKEND.folded, $OUT/$BACKEND.md"
