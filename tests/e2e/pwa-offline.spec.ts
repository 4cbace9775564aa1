import { test, expect, untilServiceWorkerControls } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { listItems } from './support/sync';

// A market with no signal: after one visit, the app opens from the phone alone (no
// network, no endpoint), on any of its screens, and a registration can be saved.
// The first visit opens home only: every other screen's code is a chunk of its own
// (src/pages/lazy.rs), which the service worker must have precached.
test('after one online visit the app opens and registers with no signal and no endpoint', async ({
  page,
  context,
  endpoint,
}) => {
  await fixClock(page);
  await page.goto('/');
  await untilServiceWorkerControls(page);

  await endpoint.stop();
  await context.setOffline(true);
  const code = new Set<string>();
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (/\.(js|wasm)$/.test(pathname)) code.add(pathname);
  });
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);

  const p = person(21);
  await new RegistrationForm(page).register(p);

  // A screen never opened before, straight from the address bar: the same shell.
  await page.goto('/data');
  await expect(listItems(page)).toHaveCount(1);
  await expect(listItems(page).first()).toContainText(p.fullName);
  const href = await listItems(page).first().getByRole('link').getAttribute('href');
  const id = href!.split('/').pop()!;

  // Every other screen, each straight from the address bar (a reload of it, as it were).
  const screens: [string, RegExp][] = [
    [`/data/${id}`, /^Tanda terima pendaftaran$/],
    [`/daftar/${id}`, /^Pendaftaran$/],
    ['/baru', /^Pendaftaran$/],
    ['/koperasi', /^Koperasi$/],
    ['/pengaturan', /^Pengaturan$/],
    ['/perangkat', /^Daftarkan ponsel ini$/],
    ['/belum-terdaftar', /^Belum terdaftar$/],
  ];
  for (const [path, title] of screens) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: title }), path).toBeVisible();
  }
  await page.goto(`/daftar/${id}`);
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(p.fullName);

  // All of that code came from what the worker keeps, not from the browser's HTTP cache.
  expect([...code].filter((path) => path.endsWith('.wasm')).length, "the main module and the screens' chunks").toBeGreaterThan(1);
  const notPrecached = await page.evaluate(
    async (paths) => (await Promise.all(paths.map(async (path) => ((await caches.match(path)) ? null : path)))).filter(Boolean),
    [...code],
  );
  expect(notPrecached).toEqual([]);
});
