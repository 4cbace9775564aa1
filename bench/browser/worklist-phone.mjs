// The phone's side of the worklist (issue 17): an officer's area of 2,000 roster entries (in a
// roster of 10,000) fetched from the real release endpoint by the app's own client, sealed and
// stored by the app's own cache, in Chromium — with the CPU slowed 4× through CDP as the other
// phone benchmarks are, and at full speed. Baseline, same run: the same request made with a
// plain fetch() and its body read as text (the network and the browser's gzip, nothing of the
// app), and the same JSON stored in clear.
//
// Then the capacity: registrations saved through the app's store until the storage is full,
// with the 2,000-entry worklist kept first — how many fitted while the worklist was still
// there, and how many in all once it gave way (src/store/backend.rs) — next to the same fill
// with no worklist.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fmt, launch, median, notMeasured, openBench, phoneContext, startEndpoint, writePart } from './lib.mjs';

const AREA = 2000;
const OTHERS = 8000;
const RUNS = 3;
const SYNC_BUDGET_MS = 1000;
const CAPACITY_BUDGET = 5000;
const lines = [];
const details = {};

const endpoint = await startEndpoint();
const browser = await launch();
try {
  const page = await (await phoneContext(browser)).newPage();
  await openBench(page, endpoint);
  const cdp = await page.context().newCDPSession(page);

  // The roster, the officer of Kauman and their phone's token.
  const csv = join(tmpdir(), `lindungi-bench-roster-${process.pid}.csv`);
  writeFileSync(csv, await page.evaluate(({ area, others }) => window.bench.roster_csv(BigInt(area), BigInt(others)), { area: AREA, others: OTHERS }));
  endpoint.cli('import-roster', csv);
  const officer = /Officer (\d+)/.exec(endpoint.cli('create-officer', '--name', 'Petugas Kauman', '--reuse'))[1];
  endpoint.cli('assign-officer', officer, '--kelurahan', 'Kauman');
  const token = await endpoint.deviceToken('Petugas Kauman');

  const sync = () => page.evaluate((token) => window.bench.worklist_first_sync(token), token);
  const plain = () =>
    page.evaluate(async (token) => {
      performance.clearResourceTimings();
      const started = performance.now();
      const response = await fetch('/api/v1/worklist', { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      const ms = performance.now() - started;
      const [timing] = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/worklist'));
      return { ms, body, wire: timing?.encodedBodySize ?? 0, json: timing?.decodedBodySize ?? body.length };
    }, token);

  const runs = {};
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const app = [];
    const bare = [];
    for (let i = 0; i < RUNS; i++) {
      const [fetchMs, entries, keepMs, chars, openMs] = await sync();
      app.push({ fetchMs, entries, keepMs, chars, openMs, totalMs: fetchMs + keepMs });
      bare.push(await plain());
    }
    runs[rate] = {
      app,
      fetch: median(app.map((r) => r.fetchMs)),
      keep: median(app.map((r) => r.keepMs)),
      total: median(app.map((r) => r.totalMs)),
      open: median(app.map((r) => r.openMs)),
      plain: median(bare.map((r) => r.ms)),
      entries: app[0].entries,
      chars: app[0].chars,
      wire: bare[0].wire,
      json: bare[0].json,
      clear: await page.evaluate((body) => window.bench.worklist_clear_chars(body), bare[0].body),
    };
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  details.runs = runs;
  const slow = runs[4];
  const fast = runs[1];
  if (slow.entries !== AREA) throw new Error(`the worklist had ${slow.entries} entries, not ${AREA}`);
  lines.push({
    line: `Worklist of 2,000 on the phone, first sync (CPU 4×)`,
    measured: `${fmt.ms(slow.total)} (fetch through the app's client ${fmt.ms(slow.fetch)} + sealed and stored ${fmt.ms(slow.keep)}); opened at unlock ${fmt.ms(slow.open)}`,
    baseline: `plain fetch() of the same page, CPU 4×: ${fmt.ms(slow.plain)}; the app at CPU 1×: ${fmt.ms(fast.total)} (fetch ${fmt.ms(fast.fetch)} + keep ${fmt.ms(fast.keep)})`,
    budget: `≤ ${fmt.int(SYNC_BUDGET_MS)} ms`,
    within: slow.total <= SYNC_BUDGET_MS,
  });
  lines.push({
    line: 'Worklist of 2,000 on the phone, storage',
    measured: `${fmt.int(slow.chars)} chars, sealed (${fmt.int(slow.wire)} bytes gzip on the wire, ${fmt.int(slow.json)} bytes of JSON)`,
    baseline: `the same JSON in clear: ${fmt.int(slow.clear)} chars`,
    budget: '—',
    within: null,
  });
} catch (e) {
  lines.push(notMeasured('Worklist of 2,000 on the phone, first sync (CPU 4×)', String(e.message ?? e).split('\n')[0], `≤ ${fmt.int(SYNC_BUDGET_MS)} ms`));
}

try {
  const page = await (await phoneContext(browser)).newPage();
  await openBench(page, endpoint);
  const token = await endpoint.deviceToken('Petugas Kauman');
  const beside = await page.evaluate(async (token) => {
    window.bench.reset();
    await window.bench.worklist_first_sync(token);
    return Array.from(await window.bench.fill_beside_worklist());
  }, token);
  const alone = await page.evaluate(async () => {
    window.bench.reset();
    return window.bench.project_fill();
  });
  await page.evaluate(() => window.bench.reset());
  details.capacity = { with_worklist_kept: beside[0], with_worklist_in_all: beside[1], without_worklist: alone };
  lines.push({
    line: 'Capacity in localStorage beside a worklist of 2,000',
    measured: `${fmt.int(beside[1])} registrations (${fmt.int(beside[0])} with the worklist still stored, the rest after it gave way)`,
    baseline: `no worklist: ${fmt.int(alone)}`,
    budget: `≥ ${fmt.int(CAPACITY_BUDGET)}`,
    within: beside[1] >= CAPACITY_BUDGET,
  });
} catch (e) {
  lines.push(notMeasured('Capacity in localStorage beside a worklist of 2,000', String(e.message ?? e).split('\n')[0], `≥ ${fmt.int(CAPACITY_BUDGET)}`));
} finally {
  await browser.close();
  await endpoint.stop();
}
writePart('worklist-phone', lines, details);
