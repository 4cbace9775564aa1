import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { listItems } from './support/sync';

// Where no service worker serves the app (a browser that refused it, or the first minute of
// a first visit, before the worker has precached everything), the first screen downloads
// every other screen's code in the background: the bytes only, into the browser's HTTP cache
// (src/pages/lazy.rs, `load_the_others`), compiled only when a screen is opened. An officer who
// then loses the signal still opens every screen, through the app's own links (an address typed
// with no signal and no worker cannot load the page itself).
test.use({ serviceWorkers: 'block' });

const CHUNK = /\/(chunk_|split_)[^/]*\.wasm$/;

/** Back to home through the app's own link. */
async function home(page: Page) {
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await expect(page.getByRole('link', { name: 'Semua pendaftaran' })).toBeVisible();
}

test('with no service worker, every screen opens with no signal once the first screen has downloaded their code', async ({
  page,
  context,
}) => {
  await fixClock(page);
  const downloaded = new Set<string>();
  page.on('requestfinished', (request) => {
    const { pathname } = new URL(request.url());
    if (CHUNK.test(pathname)) downloaded.add(pathname);
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Semua pendaftaran' })).toBeVisible();
  const chunks = await page.evaluate(() => (globalThis as { lindungiChunks?: string[] }).lindungiChunks ?? []);
  expect(chunks.length, "the build lists its chunks for the first visit's download").toBeGreaterThan(10);
  await expect
    .poll(() => chunks.filter((url) => !downloaded.has(new URL(url).pathname)), { message: 'every chunk downloaded' })
    .toEqual([]);

  await context.setOffline(true);
  const asked = new Set<string>();
  const failed: string[] = [];
  page.on('request', (request) => {
    if (CHUNK.test(new URL(request.url()).pathname)) asked.add(request.url());
  });
  page.on('requestfailed', (request) => {
    const { pathname } = new URL(request.url());
    if (/\.(js|wasm)$/.test(pathname)) failed.push(pathname);
  });

  // The form (a new registration, saved), the list, then each screen linked from home.
  const p = person(41);
  await new RegistrationForm(page).register(p);
  await home(page);
  await page.getByRole('link', { name: 'Semua pendaftaran' }).click();
  await expect(listItems(page)).toHaveCount(1);
  await listItems(page).first().getByRole('link').click();
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(p.fullName);
  const screens: [string, RegExp][] = [
    ['Koperasi', /^Koperasi$/],
    ['Pengaturan', /^Pengaturan$/],
    ['Belum terdaftar', /^Belum terdaftar$/],
    ['Masukkan kode pendaftaran', /^Daftarkan ponsel ini$/],
  ];
  for (const [link, title] of screens) {
    await home(page);
    await page.getByRole('link', { name: link, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: title }), link).toBeVisible();
  }

  // Their code was asked for while offline, and came from the browser's cache (the page's icon,
  // which is not kept that way, may fail: no screen needs it).
  expect(asked.size, 'screens opened offline asked for their chunks').toBeGreaterThan(0);
  expect(failed).toEqual([]);
});
