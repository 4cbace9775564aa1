// Gathers the parts' lines (target/bench/parts/*.json) into one table: printed, and written as
// target/bench/results.json and target/bench/results.md (what BENCHMARKS.md holds), with the
// machine the run was made on. A part that wrote nothing gets a "not measured" line with the
// last line of its log, so every line of the issue prints whatever happened.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { OUT } from './browser/lib.mjs';

/** Each part, and the lines it stands for when it wrote nothing. */
const PARTS = {
  size: ['Shell size, total (html + js + wasm + css)', 'Update cost, one screen changed (settings)'],
  'save-cost': ['Save cost'],
  capacity: ['Capacity in localStorage'],
  'memory-and-sync': ['Memory, app JS heap with 5,000 stored', 'Sync, 5,000 queued to the endpoint on loopback'],
  'pin-derivation': ['PIN derivation (PBKDF2-SHA-256, CPU 4×)'],
  'seal-cost': ['Seal one registration (CPU 4×)'],
  ingest: ['Ingest', 'Memory, endpoint peak RSS during ingest'],
  worklist: ['Worklist of 2,000'],
  'worklist-phone': ['Worklist of 2,000 on the phone, first sync (CPU 4×)', 'Capacity in localStorage beside a worklist of 2,000'],
  lighthouse: ['First load, Lighthouse mobile'],
};
/** Table order: the order of the issue. */
const ORDER = ['Shell size', 'Chunk', 'Also served', 'Update cost', 'Save cost', 'Unlock', 'Capacity', 'Memory', 'Sync', 'PIN derivation', 'Seal', 'Ingest', 'Worklist', 'First load'];

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The newest PostgreSQL server under /usr/lib/postgresql, as scripts/with-postgres.sh picks it. */
function postgresVersion() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return 'PostgreSQL not installed';
  const newest = readdirSync(root).sort((a, b) => Number(a) - Number(b)).at(-1);
  return newest ? sh(join(root, newest, 'bin/postgres'), ['--version']) : 'PostgreSQL not installed';
}

function lastLogLine(part) {
  const log = join(OUT, 'logs', `${part}.log`);
  if (!existsSync(log)) return 'did not run';
  const lines = readFileSync(log, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1)?.slice(0, 160) ?? 'no output';
}

const results = { parts: {}, lines: [] };
for (const [part, placeholders] of Object.entries(PARTS)) {
  const file = join(OUT, 'parts', `${part}.json`);
  if (existsSync(file)) {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    results.parts[part] = data;
    results.lines.push(...data.lines);
  } else {
    const why = lastLogLine(part);
    for (const line of placeholders) {
      results.lines.push({ line, measured: `not measured: ${why}`, baseline: '—', budget: '—', within: null });
    }
  }
}
const rank = (l) => ORDER.findIndex((p) => l.line.startsWith(p));
results.lines.sort((a, b) => rank(a) - rank(b));

const cpu = cpus()[0]?.model ?? 'unknown';
const os = /PRETTY_NAME="([^"]+)"/.exec(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? 'unknown';
results.machine = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  cpu,
  cores: cpus().length,
  ram: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  os: `${os}, kernel ${sh('uname', ['-r'])}`,
  rustc: sh('rustc', ['--version']),
  chromium: sh(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']).split('\n').at(-1),
  node: process.version,
  sqlite: 'bundled by sqlx (libsqlite3-sys)',
  postgres: postgresVersion(),
};

const verdict = (l) =>
  l.measured.startsWith('not measured') ? 'not measured' : l.within === true ? 'within' : l.within === false ? 'OVER' : '—';
const rows = results.lines.map((l) => [l.line, l.measured, l.baseline, l.budget, verdict(l)]);
const header = ['Line', 'Measured', 'Baseline (same run)', 'Budget', 'Verdict'];

// Plain text for the terminal.
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const text = [header, widths.map((w) => '-'.repeat(w)), ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join(' | ')).join('\n');

// Markdown for BENCHMARKS.md.
const esc = (s) => s.replaceAll('|', '\\|');
const m = results.machine;
// The machine is shared: the load the ingest part ran under (1-minute average, /proc/loadavg).
const load = results.parts.ingest?.load_average;
m.ingest_load = load?.start && load?.end ? `load average ${load.start[0].toFixed(2)} at the start of the ingest part, ${load.end[0].toFixed(2)} at its end` : null;
const md = [
  `Run of ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, ${m.os}; ${m.rustc}; ${m.chromium}; Node ${m.node}; ${m.postgres}${m.ingest_load ? `; ${m.ingest_load}` : ''}.`,
  '',
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
];
const twiggy = results.parts.size?.details?.twiggy;
if (twiggy) md.push('', 'Largest contributors to the main wasm module (`twiggy top -n 20`, see "Shell size" for which file):', '', '```text', twiggy.trimEnd(), '```');

writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
writeFileSync(join(OUT, 'results.md'), md.join('\n') + '\n');
console.log(text);
if (twiggy) console.log(`\nLargest contributors to the wasm (twiggy top -n 20):\n${twiggy}`);
console.log(`\nMachine: ${m.cpu}, ${m.cores} cores, ${m.ram}, ${m.os}, ${m.rustc}, ${m.chromium}, ${m.date}${m.ingest_load ? `; ${m.ingest_load}` : ''}`);
console.log(`Written: ${join(OUT, 'results.json')} and ${join(OUT, 'results.md')}`);
