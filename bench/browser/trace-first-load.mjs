// Not a benchmark part: a diagnostic for the "First load" line. Loads the release build once,
// as a first visit, in Debian's Chromium with the CPU slowed 4× (as Lighthouse's mobile run),
// records a Chrome trace, and prints the page's main-thread tasks over 50 ms (what Lighthouse's
// total blocking time counts the excess of), each with what took its time, and the resources
// each task asked for. Lighthouse says *that* a task is long; this says *what* is in it.
//
//   node bench/browser/trace-first-load.mjs            # needs dist/ and target/server/lindungi-server
//   LINDUNGI_SERVER_BIN=target/debug/lindungi-server node bench/browser/trace-first-load.mjs
//
// The whole trace is left in target/bench/first-load-trace.json (open it in Chromium's
// DevTools, Performance panel, or https://ui.perfetto.dev).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, launch, startEndpoint } from './lib.mjs';

const TRACE = join(OUT, 'first-load-trace.json');
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'loading', 'blink', 'toplevel'];

const endpoint = await startEndpoint();
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await browser.startTracing(page, { path: TRACE, categories: CATEGORIES });
  await page.goto(`${endpoint.url}/`);
  await page.waitForTimeout(5000);
  await browser.stopTracing();
} finally {
  await browser.close();
  await endpoint.stop();
}

const { traceEvents } = JSON.parse(readFileSync(TRACE, 'utf8'));
// The page's renderer: of the main threads, the busiest (about:blank's is another).
const busy = (t) => traceEvents.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X').reduce((a, e) => a + (e.dur ?? 0), 0);
const main = traceEvents
  .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  .sort((a, b) => busy(b) - busy(a))[0];
const events = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
const t0 = Math.min(...events.map((e) => e.ts));
const ms = (us) => (us / 1000).toFixed(0);
const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > 50_000);
console.log(`${tasks.length} tasks over 50 ms on the main thread (CPU 4×):`);
for (const task of tasks) {
  const inside = events.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur);
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, dur]) => `${name} ${ms(dur)}`);
  const asked = inside.filter((e) => e.name === 'ResourceFetcher::requestResource' && e.args?.url).map((e) => e.args.url.split('/').pop());
  console.log(`  at ${ms(task.ts - t0)} ms, ${ms(task.dur)} ms: ${top.join(', ')}`);
  if (asked.length) console.log(`    asked for ${asked.length}: ${asked.slice(0, 6).join(', ')}${asked.length > 6 ? ', …' : ''}`);
}
console.log(`trace: ${TRACE}`);
