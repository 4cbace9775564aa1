import { test, expect, pinScreen, TEST_PIN } from './fixtures';
import { person } from './support/data';
import { listItems } from './support/sync';
import { queuedRecord, storeQueued } from './support/stored';

const INDEX_PREFIX = 'lindungi.v1.index.';

// A phone holding hundreds of registrations: after the PIN the list comes from the sealed index
// pages (64 summaries in each), not from opening every registration one by one (at 5,000 that
// took 22 s on a slow phone), and a registration is opened when the officer taps it.
test('with 300 stored, the PIN opens the list from the sealed index pages and a registration when it is tapped', async ({ page }) => {
  test.setTimeout(120_000);
  await page.removeLocatorHandler(pinScreen(page));
  const N = 300;
  const people = Array.from({ length: N }, (_, i) => person(700 + i));
  // Counts the boxes the browser opens (AES-GCM decryptions) since the page was loaded.
  await page.addInitScript(() => {
    const decrypt = SubtleCrypto.prototype.decrypt;
    const w = window as unknown as { __decrypts: number };
    w.__decrypts = 0;
    SubtleCrypto.prototype.decrypt = function (...args: Parameters<SubtleCrypto['decrypt']>) {
      w.__decrypts += 1;
      return decrypt.apply(this, args);
    };
  });
  const decrypts = () => page.evaluate(() => (window as unknown as { __decrypts: number }).__decrypts);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pilih PIN' })).toBeVisible();
  await storeQueued(page, people.map((p) => queuedRecord(p)));

  // The first PIN encrypts the 300 (an earlier release's clear records) and seals their pages.
  await page.getByLabel('PIN baru').fill(TEST_PIN);
  await page.getByLabel('Ulangi PIN').fill(TEST_PIN);
  await page.getByRole('button', { name: 'Simpan PIN' }).click();
  await expect(page.getByRole('link', { name: 'Daftar baru', exact: true })).toBeVisible({ timeout: 60_000 });
  const pages = () =>
    page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => localStorage.getItem(k)!), INDEX_PREFIX);
  await expect.poll(async () => (await pages()).every((p) => p.startsWith('{"v":2,'))).toBe(true);
  expect(await pages()).toHaveLength(Math.ceil(N / 64));
  const stored = (await pages()).join('\n');
  for (const p of people.slice(0, 50)) {
    expect(stored, 'a name or NIK in clear in an index page').not.toContain(p.fullName);
    expect(stored, 'a name or NIK in clear in an index page').not.toContain(p.nik);
  }

  // Reopened on the list: every registration is listed, but only the pages' boxes were opened.
  await page.goto('/data');
  await expect(page.getByRole('heading', { name: 'Buka Lindungi' })).toBeVisible();
  await page.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
  await page.getByRole('button', { name: 'Buka', exact: true }).click();
  await expect(listItems(page)).toHaveCount(N, { timeout: 30_000 });
  const opened = await decrypts();
  test.info().annotations.push({ type: 'boxes opened by the unlock', description: `${opened} for ${N} registrations` });
  // The data key's unwrap and the 5 pages; opening the registrations themselves would be 300 more.
  expect(opened).toBeLessThanOrEqual(10);

  // Searching finds a registration by its NIK from the pages' summaries; tapping it opens it.
  const chosen = people[123];
  await page.getByRole('searchbox').fill(chosen.nik);
  await expect(listItems(page)).toHaveCount(1);
  await listItems(page).filter({ hasText: chosen.fullName }).getByRole('link').click();
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(chosen.fullName);
  await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(chosen.nik);
  expect(await decrypts()).toBe(opened + 1);
});
