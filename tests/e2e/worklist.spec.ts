import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type Endpoint } from './fixtures';
import { person, type Person } from './support/data';
import { sendAsOfficer, submission } from './support/city';
import { RegistrationForm, fixClock } from './support/registration';
import { expectSent } from './support/sync';

// The worklist (src/worklist.rs, src/pages/worklist.rs): an officer assigned to Kauman carries
// the Kauman part of the city's roster on the phone, registers someone from it with no signal
// (name, NIK, kelurahan, business type and market filled in), sees that entry leave the list at
// once, is told offline that a NIK a colleague registered is already held by the city (with
// its receipt), and the city sees the phone's waiting registration before it syncs and none
// after. Batches are held back with Playwright's routing, which cannot see requests a service
// worker makes, so the worker is blocked (every screen's code is fetched in the background
// once home is shown, so the screens still open offline).
test.use({ serviceWorkers: 'block' });

/** A generated person of `kelurahan`, with a name no other of the roster has. */
function roster(seeds: number[], kelurahan: string): Person[] {
  return seeds.map((seed) => ({ ...person(seed), kelurahan, fullName: `${person(seed).fullName} ${String.fromCharCode(65 + (seed % 26))}` }));
}

/** A new officer (or a fresh code for the same one): their id and one-time enrollment code. */
function officer(endpoint: Endpoint, name: string) {
  const out = endpoint.cli('create-officer', '--name', name, '--reuse');
  return { id: /Officer (\d+)/.exec(out)![1], code: /Enrollment code: (\S+)/.exec(out)![1] };
}

async function openWorklist(page: Page) {
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await page.getByRole('link', { name: 'Belum terdaftar' }).click();
  await expect(page.getByRole('heading', { name: 'Belum terdaftar', level: 1 })).toBeVisible();
}

async function phoneWaiting(dashboard: Page, endpoint: Endpoint) {
  await dashboard.goto(`${endpoint.url}/dasbor.html`);
  if (await dashboard.getByLabel('Token admin').isVisible()) {
    await dashboard.getByLabel('Token admin').fill(endpoint.adminToken());
    await dashboard.getByRole('button', { name: 'Masuk' }).click();
  }
  const row = dashboard.getByRole('region', { name: 'HP petugas' }).getByRole('row').filter({ hasText: 'HP Kauman' });
  return row.getByRole('cell').nth(2).textContent();
}

test('an officer of Kauman registers from the Kauman list offline, and is warned of a NIK the city holds', async ({
  page,
  context,
  endpoint,
}) => {
  await fixClock(page);
  // The roster: eight in Kauman (five at the market, three by street address), three in Miji.
  const kauman = roster([301, 302, 303, 304, 305, 306, 307, 308], 'Kauman');
  const miji = roster([311, 312, 313], 'Miji');
  const file = join(endpoint.dir, 'roster.csv');
  const row = (p: Person, i: number) =>
    [p.nik, p.fullName, p.kelurahan, i === 0 ? '56102' : 'Kuliner', i < 5 ? '' : p.street, i < 5 ? 'Pasar Tanjung Anyar' : ''].join(';');
  const lines = ['NIK;Nama;Kelurahan;Jenis Usaha;Alamat;Pasar', ...kauman.map(row), ...miji.map((p) => row(p, 9))];
  writeFileSync(file, lines.join('\n') + '\n');
  expect(endpoint.cli('import-roster', file)).toContain('Roster loaded: 11 entries');

  const sri = officer(endpoint, 'Sri Kauman');
  endpoint.cli('assign-officer', sri.id, '--kelurahan', 'Kauman');
  // A colleague already registered the second Kauman trader.
  const [receipt] = await sendAsOfficer(endpoint, 'Budi Santoso', [submission(kauman[1])]);

  await page.goto('/perangkat');
  await page.getByLabel('Kode pendaftaran').fill(sri.code);
  await page.getByLabel('Nama ponsel').fill('HP Kauman');
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(page.getByRole('status')).toContainText('Ponsel terdaftar untuk');

  // The list came with the sync that followed the enrollment: Kauman's seven not yet covered.
  await openWorklist(page);
  await expect(page.getByText(/^7 orang di wilayah Anda belum terdaftar$/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kauman (7)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Miji/ })).toHaveCount(0);
  await expect(page.getByText('Pasar Tanjung Anyar (4)')).toBeVisible();
  // Each place folds open; the screen has no axe violations open or folded.
  await page.getByText('Pasar Tanjung Anyar (4)').click();
  await expect(page.getByRole('list', { name: 'Daftar' }).getByRole('listitem')).toHaveCount(4);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  // Stored sealed: no name or NIK of the roster in the phone's storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain('lindungi.v1.worklist');
  for (const p of [...kauman, ...miji]) {
    expect(stored).not.toContain(p.nik);
    expect(stored).not.toContain(p.fullName);
  }
  // Nobody of Miji, and not the one the colleague registered.
  const search = page.getByLabel('Cari nama atau angka terakhir NIK');
  await search.fill(miji[0].fullName);
  await expect(page.getByText('Tidak ada yang cocok.')).toBeVisible();
  await search.fill(kauman[1].nik.slice(-4));
  await expect(page.getByText('Tidak ada yang cocok.')).toBeVisible();

  // No signal. Found by the last digits of the NIK on the ID card, and tapped.
  await context.setOffline(true);
  const trader = kauman[0];
  await search.fill(trader.nik.slice(-4));
  await expect(page.getByText('1 ditemukan')).toBeVisible();
  await page.getByRole('link', { name: new RegExp(trader.fullName) }).click();

  // The form starts filled in with what the roster knows; the officer adds the rest.
  await expect(page.getByRole('heading', { name: 'Identitas' })).toBeVisible();
  await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(trader.nik);
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(trader.fullName);
  const form = new RegistrationForm(page);
  await form.fillIdentity(trader);
  await form.next();
  await expect(page.getByLabel('Kelurahan').locator('option:checked')).toHaveText('Kauman');
  await form.fillAddress(trader);
  await form.next();
  await expect(page.getByLabel('Jenis usaha', { exact: true })).toHaveValue('56102');
  await expect(page.getByLabel('Lokasi usaha')).toHaveValue('Pasar Tanjung Anyar');
  await page.getByLabel('Nama usaha').fill(trader.businessName);
  await form.next();
  await form.fillCoverage(trader);
  await form.save();
  await expect(page.getByText('Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.')).toBeVisible();

  // Off the list at once, still offline.
  await openWorklist(page);
  await expect(page.getByText(/^6 orang di wilayah Anda belum terdaftar$/)).toBeVisible();
  await page.getByLabel('Cari nama atau angka terakhir NIK').fill(trader.nik.slice(-4));
  await expect(page.getByText('Tidak ada yang cocok.')).toBeVisible();

  // Someone claims to be new, but the city holds their NIK: said at once, offline.
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await page.getByRole('link', { name: 'Daftar baru', exact: true }).click();
  await page.getByLabel('NIK', { exact: true }).fill(kauman[1].nik);
  await expect(page.getByRole('alert').filter({ hasText: 'NIK ini sudah terdaftar di kota' })).toContainText(receipt);
  await page.getByRole('button', { name: 'Buang draf' }).click();
  await page.getByRole('button', { name: 'Ya, buang' }).click();

  // Signal again, but the city's endpoint is busy: the phone tells it what waits.
  let busy = true;
  await context.route('**/api/v1/registrations/batch', (route) => (busy ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await context.setOffline(false);
  const dashboard = await context.newPage();
  await expect.poll(() => phoneWaiting(dashboard, endpoint), { timeout: 30_000 }).toBe('1');
  busy = false;
  await expectSent(page, 1, 40_000);
  await expect.poll(() => phoneWaiting(dashboard, endpoint), { timeout: 30_000 }).toBe('0');
  // The city now covers the trader; the list, refreshed with that sync, still has six.
  await openWorklist(page);
  await expect(page.getByText(/^6 orang di wilayah Anda belum terdaftar$/)).toBeVisible();

  // The city revokes the officer. With nothing to send, the next refresh of the list is what
  // tells the phone (401), and it asks for a new code.
  endpoint.cli('revoke-officer', sri.id);
  await page.getByRole('button', { name: 'Perbarui sekarang' }).click();
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await expect(page.getByText('Ponsel ini perlu kode pendaftaran petugas')).toBeVisible({ timeout: 20_000 });
});
