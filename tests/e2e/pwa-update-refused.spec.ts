import { test, expect, untilServiceWorkerControls } from './fixtures';
import { person } from './support/data';
import { fillStorage, freeStorage, publishNewBuild, updateBanner } from './support/pwa';
import { fixClock, RegistrationForm } from './support/registration';

test.use({ ownDist: true });

// Switching versions reloads the page, so it waits while the form holds something the
// phone could not store (here: storage full), and says why.
test('a new version is not switched to while the form holds changes storage does not have', async ({
  page,
  endpoint,
}) => {
  await fixClock(page);
  await page.goto('/');
  await untilServiceWorkerControls(page);
  publishNewBuild(endpoint.dist);
  // Opening the app again is when it looks for a new version.
  await page.reload();
  const p = person(23);
  const form = new RegistrationForm(page);
  await form.start();
  const banner = updateBanner(page);
  await expect(banner).toContainText('Versi baru tersedia');
  const updateNow = banner.getByRole('button', { name: 'Perbarui sekarang' });

  await fillStorage(page);
  await page.getByLabel('NIK', { exact: true }).fill(p.nik);
  await expect(page.getByRole('status')).not.toHaveText('Draf tersimpan di ponsel ini');
  await updateNow.click();
  await expect(banner.getByRole('alert')).toHaveText('Simpan formulir dulu');
  // No reload happened: what was typed (and not stored) is still on screen.
  await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(p.nik);
  await expect(page.locator('meta[name="lindungi-build"]')).toHaveCount(0);

  // Room again: the next change is stored, and the switch goes ahead.
  await freeStorage(page);
  await page.getByLabel('Nama lengkap (sesuai KTP)').fill(p.fullName);
  await expect(page.getByRole('status')).toHaveText('Draf tersimpan di ponsel ini');
  await expect(banner.getByRole('alert')).toHaveCount(0);
  await updateNow.click();
  await expect(page.locator('meta[name="lindungi-build"]')).toHaveCount(1);
  await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(p.nik);
});
