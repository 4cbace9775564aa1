import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { ChaosProxy } from './support/chaos-proxy';

// At least 300 registrations, created in two tabs with several reloads, synced through a
// network that drops, loses, fails, throttles and delays. At the end the city holds each
// exactly once and both tabs show every one as sent.
const PER_ROUND = 25;
const ROUNDS = 6; // × 2 tabs × 25 = 300

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A valid queued registration in the app's storage format, for person `n` (unique NIK). */
function storedRegistration(n: number, startMonth: string) {
  const id = crypto.randomUUID();
  const female = n % 2 === 1;
  const day = 1 + (n % 28);
  const month = 1 + (n % 12);
  const year = 1960 + (n % 40);
  const nik = `357603${pad(day + (female ? 40 : 0))}${pad(month)}${pad(year % 100)}${pad(1 + n, 4)}`;
  const now = new Date().toISOString();
  const submission = {
    id,
    schema_version: 1,
    form: {
      participant: {
        nik, full_name: `Chaos Peserta ${n}`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]), place_of_birth: 'Mojokerto',
        birth_date: `${year}-${pad(month)}-${pad(day)}`, sex: female ? 'P' : 'L', mother_maiden_name: 'Ibu Uji',
        phone: `0813${pad(n, 8)}`, email: '',
      },
      address: { outside_city: false, street: `Jl. Uji ${n}`, rt: '1', rw: '2', kelurahan: '35.76.03.1001', city: '' },
      business: { name: 'Warung Uji', kind: '56103', other_kind: '', location: 'Pasar Kranggan', nib: '', employees: '' },
      koperasi: { via_koperasi: false, name: '', member_number: '' },
      coverage: { income: '1.500.000', jht: false, period: '1', start_month: startMonth, paid_by_government: false },
      consent: true,
    },
    consent_at: now, created_at: now, updated_at: now, officer: '',
  };
  return { id, nik, record: { v: 1, state: 'queued', submission, receipt: null, last_error: null, nik_key: null } };
}

/** Writes registrations straight into the tab's storage, record keys only (no index):
 *  as if the tab had died between record and index, so the store's repair is exercised too. */
async function inject(page: Page, records: ReturnType<typeof storedRegistration>[]) {
  await page.evaluate((rs) => {
    for (const r of rs) localStorage.setItem(`lindungi.v1.reg.${r.id}`, JSON.stringify(r.record));
  }, records);
}

async function syncedCount(page: Page) {
  return page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('lindungi.v1.reg.') && JSON.parse(localStorage.getItem(k)!).state === 'synced').length,
  );
}

test('300 registrations across two tabs and reloads reach the city exactly once through a faulty network', async ({ browser, endpoint }, info) => {
  test.setTimeout(300_000);
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000) + info.repeatEachIndex;
  const proxy = new ChaosProxy(endpoint.url, seed);
  const url = await proxy.start();
  const started = Date.now();
  // The service worker is left on: the proxy is a real network, not request routing.
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const [a, b] = [await context.newPage(), await context.newPage()];

  const code = endpoint.enrollmentCode();
  await a.goto(`${url}/perangkat`);
  await a.getByLabel('Kode pendaftaran').fill(code);
  await a.getByLabel('Nama ponsel').fill('HP Chaos');
  await a.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(a.getByRole('status')).toContainText('Ponsel terdaftar untuk');
  await a.goto(url);
  await b.goto(url);

  const now = new Date();
  const startMonth = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
  const created: string[] = [];
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const page of [a, b]) {
      const batch = Array.from({ length: PER_ROUND }, () => storedRegistration(n++, startMonth));
      await inject(page, batch);
      created.push(...batch.map((r) => r.nik));
    }
    // Reload one tab each round (the store re-indexes what it finds); the reload starts a sync.
    await (round % 2 === 0 ? a : b).reload();
    // The officer in the other tab taps "Kirim sekarang" if it is enabled (it is not when
    // nothing is waiting: a bounded tap, so a disabled button is not waited on forever).
    await (round % 2 === 0 ? b : a).getByRole('button', { name: 'Kirim sekarang' }).click({ timeout: 2_000 }).catch(() => {});
  }
  expect(created.length).toBeGreaterThanOrEqual(300);

  // Everything arrives, whatever the network did; an officer taps "Kirim sekarang" now
  // and then rather than waiting out a long backoff.
  const deadline = Date.now() + 240_000;
  while ((await syncedCount(a)) < created.length && Date.now() < deadline) {
    await a.getByRole('button', { name: 'Kirim sekarang' }).click({ timeout: 1_000 }).catch(() => {});
    await a.waitForTimeout(2_000);
  }
  await expect.poll(() => syncedCount(a), { timeout: 30_000 }).toBe(created.length);
  await expect.poll(() => syncedCount(b), { timeout: 30_000 }).toBe(created.length);

  // The city holds exactly the registrations created, each once.
  expect(await endpoint.registrationsHeld()).toBe(created.length);
  proxy.enabled = false;
  const csv = await (await fetch(`${endpoint.url}/api/v1/export.csv`, { headers: { Authorization: `Bearer ${endpoint.adminToken()}` } })).text();
  const exported = created.filter((nik) => csv.includes(nik));
  expect(exported.length).toBe(created.length);

  // Both tabs show every one as sent.
  for (const page of [a, b]) {
    await page.goto(url);
    await expect(page.getByRole('region', { name: 'Pendaftaran di ponsel ini' }).getByRole('definition').nth(2)).toHaveText(String(created.length));
  }
  const report = `chaos seed=${seed} registrations=${created.length} batch_requests=${proxy.batchRequests} faults=${JSON.stringify(proxy.faults)} duration_s=${((Date.now() - started) / 1000).toFixed(1)}`;
  console.log(report);
  info.annotations.push({ type: 'chaos', description: report });
  await context.close();
  await proxy.stop();
});
