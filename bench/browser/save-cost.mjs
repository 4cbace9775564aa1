// Save cost: the time to save one registration with 0, 1,000 and 5,000 already stored, through
// the app's store (one key per registration plus a small index page) and, in the same run,
// through a naive store that keeps all of them in one JSON array under one key. Unthrottled,
// and with the CPU slowed 4× through the DevTools protocol (a cheap Android phone).
// Each point: a fresh localStorage seeded with N realistic registrations, 3 saves to warm up,
// then SAMPLES timed saves (median and p95). The record to save is built before the clock starts.
//
// Unlock (issue 16), at the same points with the app's store seeded: what the officer waits for
// between typing the PIN and the first screen — the PIN derivation (PBKDF2-SHA-256 at the app's
// iteration count, through WebCrypto as the keyring does) plus opening the store as `Store::open`
// does at unlock: the sealed index pages (64 summaries each), and only the records they do not
// summarise as stored (none after the app has sealed its pages). Baseline: the same at full
// speed. UNLOCK_SAMPLES timed opens (median).
import { fmt, isolateBenchPage, launch, median, notMeasured, openBench, phoneContext, quantile, seedProject, startEndpoint, storedLabel, writePart } from './lib.mjs';

const STORED = [0, 1000, 5000];
const RATES = [1, 4];
const SAMPLES = Number(process.env.BENCH_SAVE_SAMPLES ?? 25);
const WARMUP = 3;
const BUDGET_MS = 16;
const UNLOCK_SAMPLES = Number(process.env.BENCH_UNLOCK_SAMPLES ?? 3);
const UNLOCK_BUDGET_MS = 1500;
/** `keyring::PIN_ITERATIONS` (src/keyring/mod.rs). */
const PIN_ITERATIONS = 600_000;

const endpoint = await startEndpoint();
const browser = await launch();
const lines = [];
const details = [];
const unlocks = {}; // unlocks[n][rate] = { derive, open, total, listed, opened } (medians, ms)
let isolated = false;
try {
  const page = await (await phoneContext(browser)).newPage();
  const cdp = await page.context().newCDPSession(page);
  await isolateBenchPage(page);
  await openBench(page, endpoint);
  isolated = await page.evaluate(() => window.crossOriginIsolated);
  const results = {}; // results[n][rate][store] = { median, p95, samples } | { error }
  const seededAt = {}; // what the app's store really held at each point
  for (const n of STORED) {
    results[n] = { 1: {}, 4: {} };
    for (const store of ['project', 'naive']) {
      await openBench(page, endpoint);
      await page.evaluate(() => window.bench.reset());
      let error;
      if (store === 'project') {
        // If n do not fit (see Capacity), measure as full as the storage allows and say so.
        seededAt[n] = await seedProject(page, n);
      } else if (!(await page.evaluate((n) => window.bench.naive_seed(n), n))) {
        error = `${fmt.int(n)} do not fit in one localStorage value`;
      }
      for (const rate of RATES) {
        if (error) {
          results[n][rate][store] = { error };
          continue;
        }
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        const times = await page.evaluate(
          async ({ store, samples, warmup }) => {
            const save = store === 'project' ? window.bench.project_save : window.bench.naive_save;
            const out = [];
            for (let i = 0; i < warmup + samples; i++) {
              window.bench.prepare();
              const t0 = performance.now();
              // The app's save awaits WebCrypto (sealing); the naive one is synchronous.
              await save();
              const dt = performance.now() - t0;
              if (i >= warmup) out.push(dt);
            }
            return out;
          },
          { store, samples: SAMPLES, warmup: WARMUP },
        );
        if (store === 'project' && n > 0) {
          const timed = await page.evaluate(
            async ({ samples, iterations }) => {
              const out = [];
              for (let i = 0; i < samples; i++) {
                const t0 = performance.now();
                const pin = new TextEncoder().encode('730519');
                const salt = crypto.getRandomValues(new Uint8Array(16));
                const base = await crypto.subtle.importKey('raw', pin, 'PBKDF2', false, ['deriveBits']);
                await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256);
                const t1 = performance.now();
                const { listed, opened } = JSON.parse(await window.bench.project_open());
                const t2 = performance.now();
                out.push({ derive: t1 - t0, open: t2 - t1, listed, opened });
              }
              return out;
            },
            { samples: UNLOCK_SAMPLES, iterations: PIN_ITERATIONS },
          );
          const m = (k) => median(timed.map((t) => t[k]));
          unlocks[n] ??= {};
          unlocks[n][rate] = { derive: m('derive'), open: m('open'), total: median(timed.map((t) => t.derive + t.open)), listed: timed[0].listed, opened: timed[0].opened };
          console.error(`unlock: ${n} stored, ${rate}x: derive ${fmt.ms(m('derive'))}, open ${fmt.ms(m('open'))}`);
        }
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        results[n][rate][store] = { median: median(times), p95: quantile(times, 0.95), samples: times };
        console.error(`save cost: ${store}, ${n} stored, ${rate}x: median ${fmt.ms(median(times))}, p95 ${fmt.ms(quantile(times, 0.95))}`);
      }
    }
  }
  const show = (r) => (r.error ? `not measured: ${r.error}` : `${fmt.ms(r.median)} median, ${fmt.ms(r.p95)} p95`);
  for (const rate of RATES) {
    for (const n of STORED) {
      const line = `Save cost, ${storedLabel(n, seededAt[n])}${rate === 1 ? '' : `, CPU ${rate}× slower`}`;
      const { project, naive } = results[n][rate];
      const judged = rate === 4 && n === 5000;
      lines.push({
        line,
        measured: `app store: ${show(project)}`,
        baseline: `one-key store: ${show(naive)}`,
        budget: judged ? `≤ ${BUDGET_MS} ms (p95)` : '—',
        within: judged && !project.error ? project.p95 <= BUDGET_MS : null,
      });
      details.push({ stored: n, project_stored: seededAt[n].stored, cpu_slowdown: rate, project, naive });
    }
  }
  for (const n of STORED.filter((n) => unlocks[n])) {
    const slow = unlocks[n][4];
    const fast = unlocks[n][1];
    const show = (u) => `${fmt.ms(u.total)} (PIN ${fmt.ms(u.derive)} + listing ${fmt.int(u.listed)}, ${fmt.int(u.opened)} records opened one by one, ${fmt.ms(u.open)})`;
    const judged = n === 5000;
    lines.push({
      line: `Unlock, ${storedLabel(n, seededAt[n])}, CPU 4× slower`,
      measured: show(slow),
      baseline: `CPU 1×: ${show(fast)}`,
      budget: judged ? `≤ ${fmt.int(UNLOCK_BUDGET_MS)} ms` : '—',
      within: judged ? slow.total <= UNLOCK_BUDGET_MS : null,
    });
  }
} catch (e) {
  lines.push(notMeasured('Save cost', String(e.message ?? e).split('\n')[0], `≤ ${BUDGET_MS} ms at 5,000 stored, CPU 4× slower`));
} finally {
  await browser.close();
  await endpoint.stop();
}
writePart('save-cost', lines, { samples: SAMPLES, warmup: WARMUP, timer: isolated ? '5 µs (cross-origin isolated)' : '100 µs', points: details, unlock_samples: UNLOCK_SAMPLES, unlocks });
