// What the browser benchmarks share: Debian's Chromium launched as the journeys launch it,
// the real release endpoint serving a copy of the built app with the benchmark page beside it,
// and the file each part writes its table lines to (read by bench/report.mjs).
import { chromium } from 'playwright';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = process.env.BENCH_OUT ?? join(ROOT, 'target/bench');
const SERVER_BIN = process.env.LINDUNGI_SERVER_BIN ?? join(ROOT, 'target/server/lindungi-server');
const DIST = join(ROOT, 'dist');
const BENCH_PKG = join(OUT, 'pkg');

/** Debian's Chromium with the journeys' flags (tests/e2e/playwright.config.ts); no browser is downloaded. */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** A phone-sized context in Indonesian, as the journeys use. */
export function phoneContext(browser) {
  return browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'id-ID', isMobile: true, hasTouch: true });
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * The real endpoint (release build) on its own port with a fresh SQLite file, serving a copy
 * of dist/ that also holds the benchmark page under /bench/ (same origin as the app, so the
 * page and the app share localStorage). `env` adds settings such as rate limits.
 */
export async function startEndpoint(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lindungi-bench-'));
  const dist = join(dir, 'dist');
  cpSync(DIST, dist, { recursive: true });
  cpSync(join(ROOT, 'bench/browser/page'), join(dist, 'bench'), { recursive: true });
  // The store's benchmark module is built only for the parts that load it (scripts/bench): the
  // first-load part runs without it.
  if (existsSync(BENCH_PKG)) cpSync(BENCH_PKG, join(dist, 'bench/pkg'), { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = `sqlite://${join(dir, 'lindungi.db')}`;
  // Output to a file, never a pipe: an undrained pipe can hang the run.
  const log = openSync(join(dir, 'server.log'), 'a');
  const child = spawn(SERVER_BIN, ['--database-url', databaseUrl, 'serve', '--bind', `127.0.0.1:${port}`, '--dist', dist], {
    stdio: ['ignore', log, log],
    env: { ...process.env, ...env },
  });
  const cli = (...args) =>
    execFileSync(SERVER_BIN, ['--database-url', databaseUrl, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`endpoint did not start; see ${join(dir, 'server.log')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  let admin;
  const endpoint = {
    url,
    pid: child.pid,
    cli,
    enrollmentCode(name = 'Petugas Bench') {
      const code = /Enrollment code: (\S+)/.exec(cli('create-officer', '--name', name, '--reuse'))?.[1];
      if (!code) throw new Error('no enrollment code');
      return code;
    },
    /** A device token of a phone of `officer` (made if new). */
    async deviceToken(officer = 'Petugas Pembanding') {
      const response = await fetch(`${url}/api/v1/devices`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ enrollment_code: this.enrollmentCode(officer), device_name: 'HP Pembanding' }),
      });
      if (response.status !== 201) throw new Error(`enrollment answered ${response.status}`);
      return (await response.json()).token;
    },
    /** Registrations the city holds (GET /api/v1/stats with an admin token). */
    async held() {
      admin ??= /Admin token \([^)]*\): (\S+)/.exec(cli('create-admin-token', '--label', 'bench'))?.[1];
      for (;;) {
        const response = await fetch(`${url}/api/v1/stats`, { headers: { Authorization: `Bearer ${admin}` } });
        // The admin token's own rate limit (5 a second after a burst): wait as told, and ask again.
        if (response.status === 429) {
          await new Promise((r) => setTimeout(r, 1000 * Number(response.headers.get('retry-after') ?? 1)));
          continue;
        }
        if (!response.ok) throw new Error(`stats answered ${response.status}`);
        return (await response.json()).total;
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return endpoint;
}

/** Opens the benchmark page on `endpoint` and waits for its wasm module. */
export async function openBench(page, endpoint) {
  await page.goto(`${endpoint.url}/bench/store.html`);
  await page.waitForFunction(() => window.benchReady === true);
}

/** Writes one part's table lines for bench/report.mjs. */
export function writePart(part, lines, details = {}) {
  mkdirSync(join(OUT, 'parts'), { recursive: true });
  writeFileSync(join(OUT, 'parts', `${part}.json`), JSON.stringify({ part, lines, details }, null, 2));
}

/** A line whose measurement could not be made, with the reason. */
export function notMeasured(line, why, budget = '—') {
  return { line, measured: `not measured: ${why}`, baseline: '—', budget, within: null };
}

export function median(xs) {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const fmt = {
  ms: (x) => `${x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1)} ms`,
  int: (x) => Math.round(x).toLocaleString('en-US'),
  mib: (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`,
};

/** Registrations removed again when seeding filled the storage, so the app and the timed saves
 * have room to write (about 100 KB). */
export const HEADROOM = 100;

/**
 * Saves `n` registrations through the app's store on the open benchmark page (keeping what is
 * there). If the storage fills up first, keeps all that fitted but the last HEADROOM, and says
 * so: `{ stored, fitted }`.
 */
export async function seedProject(page, n) {
  return page.evaluate(
    async ({ n, headroom }) => {
      const saved = await window.bench.project_seed(n);
      if (saved === n) return { stored: n, fitted: true };
      await window.bench.project_make_room(headroom);
      return { stored: saved - headroom, fitted: false };
    },
    { n, headroom: HEADROOM },
  );
}

/** "5,000 stored", or "4,790 stored (5,000 do not fit)". */
export function storedLabel(n, seeded) {
  return seeded.fitted ? `${fmt.int(n)} stored` : `${fmt.int(seeded.stored)} stored (${fmt.int(n)} do not fit)`;
}

/**
 * Serves the benchmark page cross-origin isolated (COOP + COEP added on its way in), so that
 * performance.now() ticks in 5 µs steps instead of the 100 µs a plain page gets: a save through
 * the app's store takes well under a millisecond. Nothing else about the page changes.
 */
export async function isolateBenchPage(page) {
  await page.route('**/bench/store.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
    });
  });
}
