import AxeBuilder from '@axe-core/playwright';
import { test, expect, untilServiceWorkerControls } from './fixtures';
import { person } from './support/data';
import { publishNewBuild, shellCaches, updateBanner } from './support/pwa';
import { fixClock, RegistrationForm } from './support/registration';

test.use({ ownDist: true });

// A new version installs beside the running one and is only offered; accepted, the app
// reloads into the new shell and the registration being typed is still there.
test('a new version is offered, and accepting it opens the new shell with the draft kept', async ({
  page,
  endpoint,
}) => {
  await fixClock(page);
  await page.goto('/');
  await untilServiceWorkerControls(page);
  const [oldCache] = await shellCaches(page);
  const newShell = page.locator('meta[name="lindungi-build"]');

  const p = person(22);
  const form = new RegistrationForm(page);
  await form.start();
  await page.getByLabel('NIK', { exact: true }).fill(p.nik);
  await expect(page.getByRole('status')).toHaveText('Draf tersimpan di ponsel ini');

  publishNewBuild(endpoint.dist);
  // Opening the app again is when the browser looks for a new worker.
  await page.reload();
  const banner = updateBanner(page);
  await expect(banner).toContainText('Versi baru tersedia');
  const axe = await new AxeBuilder({ page }).include('aside').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  // Installed beside the old version, which still runs the page.
  await expect(newShell).toHaveCount(0);
  expect(await shellCaches(page)).toEqual(expect.arrayContaining([oldCache, 'lindungi-shell-build-2']));

  // Typing goes on while the offer waits; each change is stored as it is made.
  await page.getByLabel('Nama lengkap (sesuai KTP)').fill(p.fullName);
  await expect(page.getByRole('status')).toHaveText('Draf tersimpan di ponsel ini');
  await banner.getByRole('button', { name: 'Perbarui sekarang' }).click();

  await expect(newShell).toHaveCount(1);
  await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(p.nik);
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(p.fullName);
  await expect(updateBanner(page)).toHaveCount(0);
  // The old version's cache went with it.
  expect(await shellCaches(page)).toEqual(['lindungi-shell-build-2']);
});
