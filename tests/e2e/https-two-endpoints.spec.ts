import type { Page } from '@playwright/test';
import { pinOnEveryPage, unlocked, untilServiceWorkerControls } from './fixtures';
import { person } from './support/data';
import { test, expect, acceptCaddysCertificate } from './support/deployment';
import { queuedRecord, sentOnPhone, storeQueued, type QueuedRecord } from './support/stored';

// The city's set-up, as docs/deploy.md builds it: phones reach the app over HTTPS through Caddy
// (deploy/Caddyfile), which spreads requests over two endpoint processes sharing one
// PostgreSQL. Two phones install the app, enrol, and send 100 registrations each while one
// endpoint is killed in the middle of their sync and started again later. The city ends with
// exactly the 200, each once, with receipts numbered without a gap.
test.use(acceptCaddysCertificate);

const PER_PHONE = 100;
const ROUNDS = 4;
const PER_ROUND = PER_PHONE / ROUNDS;

/** People with NIKs not used yet in this journey. */
function people(count: number, used: Set<string>, from: number) {
  const found = [];
  for (let seed = from; found.length < count; seed++) {
    const p = person(seed);
    if (!used.has(p.nik)) {
      used.add(p.nik);
      found.push(p);
    }
  }
  return found;
}

/** Reopens the app on each phone: it finds what was stored and starts sending at once. */
async function reopen(phones: Page[]) {
  // The officer types the PIN at each start: the sealed registrations are sent once it opens them.
  await Promise.all(phones.map(async (p) => {
    await p.reload();
    await unlocked(p);
  }));
}

test('two phones send 100 registrations each over HTTPS through Caddy to two endpoints, one killed mid-sync; the city holds 200, each once, receipts without gaps', async ({
  browser,
  deployment,
}) => {
  test.setTimeout(240_000);
  const phones: Page[] = [];
  for (const [officer, phoneName] of [['Sri Wahyuni', 'HP Sri'], ['Budi Santoso', 'HP Budi']]) {
    const context = await browser.newContext({
      baseURL: deployment.url,
      ignoreHTTPSErrors: true,
      viewport: { width: 360, height: 640 },
      locale: 'id-ID',
    });
    pinOnEveryPage(context);
    const page = await context.newPage();
    // Installed: the service worker registers over HTTPS and controls the page.
    await page.goto('/');
    expect(new URL(page.url()).protocol).toBe('https:');
    await untilServiceWorkerControls(page);
    await page.goto('/perangkat');
    await page.getByLabel('Kode pendaftaran').fill(deployment.enrollmentCode(officer));
    await page.getByLabel('Nama ponsel').fill(phoneName);
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await expect(page.getByRole('status')).toContainText('Ponsel terdaftar untuk');
    await page.goto('/');
    phones.push(page);
  }

  const [first] = deployment.endpoints;
  const used = new Set<string>();
  const created: QueuedRecord[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, page] of phones.entries()) {
      const batch = people(PER_ROUND, used, 1_000 * (i + 1) + round * PER_ROUND * 2).map((p) => queuedRecord(p));
      await storeQueued(page, batch);
      created.push(...batch);
    }
    if (round === 1) {
      // Killed while the phones are sending: a batch in flight may be lost with it.
      const sending = phones[0].waitForRequest((r) => r.url().endsWith('/api/v1/registrations/batch'));
      await reopen(phones);
      await sending;
      await first.stop('SIGKILL');
    } else {
      await reopen(phones);
    }
    // Started again once the other endpoint has carried a round alone.
    if (round === 2) await first.start();
  }
  expect(created).toHaveLength(2 * PER_PHONE);

  // Everything arrives; the officers tap "Kirim sekarang" now and then rather than waiting out
  // the backoff a failed batch started.
  const deadline = Date.now() + 150_000;
  for (const page of phones) {
    while ((await sentOnPhone(page).textContent()) !== String(PER_PHONE) && Date.now() < deadline) {
      await page.getByRole('button', { name: 'Kirim sekarang' }).click({ timeout: 1_000 }).catch(() => {});
      await page.waitForTimeout(1_000);
    }
    await expect(sentOnPhone(page)).toHaveText(String(PER_PHONE));
  }

  // The city holds exactly the 200, each once, receipts 1 to 200 of this year without a gap.
  expect(await deployment.registrationsHeld()).toBe(2 * PER_PHONE);
  const rows = await deployment.handOver();
  expect(rows).toHaveLength(2 * PER_PHONE);
  expect(rows.map((r) => r['NIK']).sort()).toEqual(created.map((r) => r.nik).sort());
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  const receipts = rows.map((r) => r['NO TANDA TERIMA']).sort();
  const expected = Array.from({ length: 2 * PER_PHONE }, (_, n) => `MJK-${year}-${String(n + 1).padStart(6, '0')}`);
  expect(receipts).toEqual(expected);

  const batches = deployment.endpoints.map((e) => e.batchesReceived());
  console.log(`batches received by endpoint #1 and #2: ${batches.join(' and ')}`);
  expect(batches[0] + batches[1]).toBeGreaterThanOrEqual(2);
});
