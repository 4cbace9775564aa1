import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SERVER_BIN = process.env.LINDUNGI_SERVER_BIN ?? join(ROOT, 'target/debug/lindungi-server');
const DIST = process.env.LINDUNGI_DIST ?? join(ROOT, 'dist');

/** A running endpoint of our own: the real binary, a fresh SQLite file, its own port. */
export class Endpoint {
  private child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'lindungi-e2e-'));
  /** The built app this endpoint serves. */
  readonly dist: string;

  /**
   * `ownDist`: serve a copy of the built app that the test may change while the
   * endpoint runs (a "new build", say); `dist` is where the copy is.
   */
  constructor(
    readonly port: number,
    { ownDist = false }: { ownDist?: boolean } = {},
  ) {
    this.dist = DIST;
    if (ownDist) {
      this.dist = join(this.dir, 'dist');
      cpSync(DIST, this.dist, { recursive: true });
    }
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get databaseUrl() {
    return `sqlite://${join(this.dir, 'lindungi.db')}`;
  }

  /** Runs a subcommand of the endpoint binary against this endpoint's database. */
  cli(...args: string[]): string {
    return execFileSync(SERVER_BIN, ['--database-url', this.databaseUrl, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  }

  /** Like `cli`, for a subcommand that may fail: its exit status and both outputs. */
  cliResult(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync(SERVER_BIN, ['--database-url', this.databaseUrl, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** Creates an officer (or a fresh code for the same one) and returns the one-time enrollment code. */
  enrollmentCode(name = 'Petugas Uji'): string {
    const out = this.cli('create-officer', '--name', name, '--reuse');
    const code = /Enrollment code: (\S+)/.exec(out)?.[1];
    if (!code) throw new Error(`no enrollment code in: ${out}`);
    return code;
  }

  private admin?: string;
  /** An admin token for the city's endpoints (stats, export). */
  adminToken(): string {
    if (!this.admin) {
      const out = this.cli('create-admin-token', '--label', 'e2e');
      this.admin = /Admin token \([^)]*\): (\S+)/.exec(out)?.[1];
      if (!this.admin) throw new Error(`no admin token in: ${out}`);
    }
    return this.admin;
  }

  /** How many registrations the city holds, read through its stats endpoint. */
  async registrationsHeld(): Promise<number> {
    const response = await fetch(`${this.url}/api/v1/stats`, { headers: { Authorization: `Bearer ${this.adminToken()}` } });
    expect(response.ok, `stats answered ${response.status}`).toBeTruthy();
    return ((await response.json()) as { total: number }).total;
  }

  async start() {
    // stdio goes to a file, never a pipe: an undrained pipe can hang the whole run.
    const log = openSync(join(this.dir, 'server.log'), 'a');
    this.child = spawn(
      SERVER_BIN,
      ['--database-url', `sqlite://${join(this.dir, 'lindungi.db')}`, 'serve', '--bind', `127.0.0.1:${this.port}`, '--dist', this.dist],
      { stdio: ['ignore', log, log] },
    );
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/api/v1/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`endpoint did not start; see ${join(this.dir, 'server.log')}`);
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  /** GET an endpoint URL as JSON (how tests check what the city holds). */
  async json<T>(path: string): Promise<T> {
    const response = await fetch(`${this.url}${path}`);
    expect(response.ok, `${path} answered ${response.status}`).toBeTruthy();
    return (await response.json()) as T;
  }

  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The officer's PIN in every journey (generated for tests, not a trivial one). */
export const TEST_PIN = '730519';

/** The app asking for its PIN: to choose one (a new phone) or to open (every start, a lock). */
export function pinScreen(page: Page) {
  return page.getByRole('heading', { name: /^(Pilih PIN|Choose a PIN|Buka Lindungi|Open Lindungi)$/ });
}

/**
 * Types the PIN whenever the app asks for it, as the officer would, before the journey's next
 * action or assertion (Playwright's locator handler): choosing it on a new phone, typing it at
 * every start. A journey about the PIN itself removes this with `page.removeLocatorHandler`.
 */
export async function typePinWhenAsked(page: Page, pin = TEST_PIN) {
  await page.addLocatorHandler(pinScreen(page), async () => {
    const again = page.getByLabel(/^(Ulangi PIN|PIN again)$/);
    if (await again.isVisible()) {
      await page.getByLabel(/^(PIN baru|New PIN)$/).fill(pin);
      await again.fill(pin);
      await page.getByRole('button', { name: /^(Simpan PIN|Save PIN)$/ }).click();
    } else {
      await page.getByLabel(/^PIN$/).fill(pin);
      await page.getByRole('button', { name: /^(Buka|Open)$/ }).click();
    }
  });
}

const handled = new WeakMap<Page, Promise<void>>();

/** [`typePinWhenAsked`] on `page`, once however often it is asked for. */
export function ensurePin(page: Page): Promise<void> {
  if (!handled.has(page)) handled.set(page, typePinWhenAsked(page));
  return handled.get(page)!;
}

/** The app's chunks each page of a journey has downloaded whole, by path. */
const chunksDownloaded = new WeakMap<Page, Set<string>>();
const CHUNK = /\/(chunk_|split_)[^/]*\.wasm$/;

function trackChunks(page: Page) {
  if (chunksDownloaded.has(page)) return;
  const done = new Set<string>();
  chunksDownloaded.set(page, done);
  page.on('requestfinished', (request) => {
    const { pathname } = new URL(request.url());
    if (CHUNK.test(pathname)) done.add(pathname);
  });
}

/**
 * Waits until the page holds every screen's code: at once where the app's service worker
 * controls the page (it precached them), else until the first screen's background download of
 * every chunk (`load_the_others`) has finished, as an officer's phone must have before the
 * signal goes if every screen is to open without it. A journey that blocks the worker and goes
 * offline waits for this first (`enroll` does).
 */
export async function untilCodeDownloaded(page: Page) {
  if (await page.evaluate(() => navigator.serviceWorker?.controller != null)) return;
  const chunks = await page.evaluate(() => (globalThis as { lindungiChunks?: string[] }).lindungiChunks ?? []);
  const done = chunksDownloaded.get(page) ?? new Set<string>();
  await expect
    .poll(() => chunks.filter((url) => !done.has(new URL(url, page.url()).pathname)), {
      message: "every chunk of the app downloaded by the first screen",
    })
    .toEqual([]);
}

/** Every page of `context` types the PIN when asked (for a context a journey makes itself). */
export function pinOnEveryPage(context: BrowserContext) {
  context.on('page', (page) => {
    trackChunks(page);
    void ensurePin(page);
  });
  for (const page of context.pages()) {
    trackChunks(page);
    void ensurePin(page);
  }
}

/** The app open past its PIN: waits until the data is unlocked (the home screen's title). */
export async function unlocked(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/^(Pilih PIN|Choose a PIN|Buka Lindungi|Open Lindungi)$/);
}

/**
 * Every journey gets its own endpoint with an empty database, and the page points at it.
 * `test.use({ ownDist: true })` gives the endpoint its own copy of the built app.
 */
export const test = base.extend<{ endpoint: Endpoint; ownDist: boolean }>({
  ownDist: [false, { option: true }],
  endpoint: async ({ ownDist }, use) => {
    const endpoint = new Endpoint(await freePort(), { ownDist });
    await endpoint.start();
    await use(endpoint);
    await endpoint.stop();
    endpoint.cleanup();
  },
  baseURL: async ({ endpoint }, use) => use(endpoint.url),
  // Every page of the journey's browser context types the PIN when asked.
  context: async ({ context }, use) => {
    pinOnEveryPage(context);
    await use(context);
  },
  page: async ({ page }, use) => {
    trackChunks(page);
    await ensurePin(page);
    await use(page);
  },
});

/**
 * Waits until the app's service worker has installed (the shell is in its cache) and
 * controls the page: from then on the app opens with no signal.
 */
export async function untilServiceWorkerControls(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

export { expect };
