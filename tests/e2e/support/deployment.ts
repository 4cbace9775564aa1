// The city's deployment, started for a journey and torn down after it: a throwaway PostgreSQL
// (scripts/with-postgres.sh), the schema migrated once (`lindungi-server migrate`), two endpoint
// processes sharing it behind `--trusted-proxy 127.0.0.1`, and Caddy in front running the
// committed deploy/Caddyfile with `tls internal` on a free port of localhost.
import { test as base, expect } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import config from '../playwright.config';

const ROOT = resolve(__dirname, '../../..');
const SERVER_BIN = process.env.LINDUNGI_SERVER_BIN ?? join(ROOT, 'target/debug/lindungi-server');
const DIST = process.env.LINDUNGI_DIST ?? join(ROOT, 'dist');
const CADDY = process.env.CADDY_PATH ?? 'caddy';

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

/** Rows of a CSV text (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `child` to exit (at most `ms`), then kills it outright. */
async function ended(child: ChildProcess, ms = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  const late = sleep(ms).then(() => 'late');
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** One endpoint process of the deployment. */
export class DeployedEndpoint {
  private child?: ChildProcess;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly databaseUrl: string,
    readonly log: string,
    private readonly backupKey: string,
  ) {}

  async start() {
    // stdio goes to a file, never a pipe: an undrained pipe can hang the whole run.
    const log = openSync(this.log, 'a');
    this.child = spawn(
      SERVER_BIN,
      ['--database-url', this.databaseUrl, 'serve', '--bind', `127.0.0.1:${this.port}`, '--dist', DIST, '--trusted-proxy', '127.0.0.1'],
      { stdio: ['ignore', log, log], env: { ...process.env, LINDUNGI_BACKUP_KEY: this.backupKey } },
    );
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/api/v1/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    throw new Error(`endpoint ${this.name} did not start; see ${this.log}`);
  }

  /** Stops the process: `SIGTERM` lets it finish what is in flight, `SIGKILL` is a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** Batches this process received, from its log (ids and counts only). */
  batchesReceived(): number {
    return (readFileSync(this.log, 'utf8').match(/batch received/g) ?? []).length;
  }
}

export class Deployment {
  readonly dir = mkdtempSync(join(tmpdir(), 'lindungi-deploy-'));
  /** The city's backup key (made by `migrate`): in the deployment's folder, not the checkout. */
  readonly backupKey = join(this.dir, 'backup-key.pem');
  private postgres?: ChildProcess;
  private caddy?: ChildProcess;
  databaseUrl = '';
  endpoints: DeployedEndpoint[] = [];
  httpsPort = 0;

  /** Where the phones go: HTTPS through Caddy. */
  get url() {
    return `https://localhost:${this.httpsPort}`;
  }

  async start() {
    await this.startPostgres();
    // Once, before any endpoint: `serve` does not migrate a PostgreSQL database by itself.
    this.cli('migrate');
    const ports = [await freePort(), await freePort()];
    this.endpoints = ports.map(
      (port, i) => new DeployedEndpoint(`#${i + 1}`, port, this.databaseUrl, join(this.dir, `endpoint-${i + 1}.log`), this.backupKey),
    );
    for (const endpoint of this.endpoints) await endpoint.start();
    await this.startCaddy(ports);
  }

  /** A throwaway PostgreSQL, through scripts/with-postgres.sh holding it open until stopped. */
  private async startPostgres() {
    const urlFile = join(this.dir, 'postgres.url');
    const log = openSync(join(this.dir, 'postgres.log'), 'a');
    this.postgres = spawn(
      join(ROOT, 'scripts/with-postgres.sh'),
      ['sh', '-c', 'printf %s "$LINDUNGI_TEST_POSTGRES_URL" > "$0.tmp" && mv "$0.tmp" "$0" && exec sleep 3600', urlFile],
      // Its own process group: stopping it stops the sleep, and its trap stops the server.
      { stdio: ['ignore', log, log], detached: true },
    );
    const deadline = Date.now() + 60_000;
    while (!existsSync(urlFile)) {
      if (Date.now() > deadline || this.postgres.exitCode !== null) {
        throw new Error(`PostgreSQL did not start; see ${join(this.dir, 'postgres.log')}`);
      }
      await sleep(100);
    }
    this.databaseUrl = readFileSync(urlFile, 'utf8');
  }

  private async startCaddy(upstreams: number[]) {
    this.httpsPort = await freePort();
    const log = openSync(join(this.dir, 'caddy.log'), 'a');
    this.caddy = spawn(CADDY, ['run', '--config', join(ROOT, 'deploy/Caddyfile'), '--adapter', 'caddyfile'], {
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        // Caddy keeps its CA and certificates here, not in the machine's home.
        HOME: this.dir,
        XDG_DATA_HOME: join(this.dir, 'data'),
        XDG_CONFIG_HOME: join(this.dir, 'config'),
        LINDUNGI_SITE: this.url,
        LINDUNGI_TLS: 'internal',
        LINDUNGI_CADDY_ADMIN: 'off',
        LINDUNGI_HTTP_PORT: String(await freePort()),
        LINDUNGI_HTTPS_PORT: String(this.httpsPort),
        LINDUNGI_UPSTREAMS: upstreams.map((p) => `127.0.0.1:${p}`).join(' '),
      },
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.caddy.exitCode !== null) break;
      try {
        if ((await this.get('/api/v1/health')).status === 200) return;
      } catch {
        /* no certificate or no listener yet */
      }
      await sleep(200);
    }
    throw new Error(`Caddy did not start; see ${join(this.dir, 'caddy.log')}`);
  }

  /** Caddy's own root certificate (`tls internal`): what the test trusts to reach it. */
  private caRoot(): Buffer {
    return readFileSync(join(this.dir, 'data/caddy/pki/authorities/local/root.crt'));
  }

  /** A GET through Caddy over verified HTTPS: status, headers and body. */
  get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolveGet, reject) => {
      const request = httpsRequest(`${this.url}${path}`, { ca: this.caRoot(), headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolveGet({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** Runs a subcommand of the endpoint binary against the shared database. */
  cli(...args: string[]): string {
    return execFileSync(SERVER_BIN, ['--database-url', this.databaseUrl, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LINDUNGI_BACKUP_KEY: this.backupKey },
    });
  }

  /** Creates an officer and returns their one-time enrollment code. */
  enrollmentCode(name: string): string {
    const code = /Enrollment code: (\S+)/.exec(this.cli('create-officer', '--name', name))?.[1];
    if (!code) throw new Error('no enrollment code printed');
    return code;
  }

  private admin?: string;
  adminToken(): string {
    this.admin ??= /Admin token \([^)]*\): (\S+)/.exec(this.cli('create-admin-token', '--label', 'e2e', '--days', '1'))?.[1];
    if (!this.admin) throw new Error('no admin token printed');
    return this.admin;
  }

  /** How many registrations the city holds (its stats, through Caddy). */
  async registrationsHeld(): Promise<number> {
    const answer = await this.get('/api/v1/stats', { Authorization: `Bearer ${this.adminToken()}` });
    expect(answer.status, answer.body).toBe(200);
    return (JSON.parse(answer.body) as { total: number }).total;
  }

  /** The BPU hand-over, through Caddy: one object per row, by column name. */
  async handOver(): Promise<Record<string, string>[]> {
    const answer = await this.get('/api/v1/export.csv', { Authorization: `Bearer ${this.adminToken()}` });
    expect(answer.status, `the hand-over answered ${answer.status}`).toBe(200);
    const [header, ...rows] = parseCsv(answer.body);
    return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
  }

  async stop() {
    if (this.caddy) {
      this.caddy.kill('SIGTERM');
      await ended(this.caddy);
    }
    for (const endpoint of this.endpoints) await endpoint.stop();
    if (this.postgres?.pid && this.postgres.exitCode === null) {
      const exited = new Promise((r) => this.postgres!.once('exit', r));
      process.kill(-this.postgres.pid, 'SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
    }
    // LINDUNGI_KEEP_DEPLOYMENT=1 keeps the logs (Caddy's, each endpoint's) for a look after a run.
    if (process.env.LINDUNGI_KEEP_DEPLOYMENT) console.log(`deployment kept in ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

const launchOptions = config.use?.launchOptions ?? {};

/**
 * What a journey through Caddy passes to `test.use`: Chromium accepts the certificate of Caddy's
 * own CA (`ignoreHTTPSErrors` for pages and `--ignore-certificate-errors` so that the service
 * worker registers over it too).
 */
export const acceptCaddysCertificate = {
  ignoreHTTPSErrors: true,
  launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), '--ignore-certificate-errors'] },
};

/** A journey against the deployment: the page's base URL is Caddy's HTTPS address. */
export const test = base.extend<{ deployment: Deployment }>({
  deployment: async ({}, use) => {
    const deployment = new Deployment();
    try {
      await deployment.start();
      await use(deployment);
    } finally {
      await deployment.stop();
    }
  },
  baseURL: async ({ deployment }, use) => use(deployment.url),
});

export { expect };
