import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, pinScreen, typePinWhenAsked, unlocked } from './fixtures';
import { person, type Person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll } from './support/sync';

// "Cadangkan" writes one file that only the city opens (src/backup.rs, docs/security.md): the
// city imports it with its CLI, exactly once, and the phone can be erased only once everything
// unsent is in a backup as it is stored now. No signal reaches the city here: the batch route
// is cut by Playwright's routing, which cannot see requests that pass through a service
// worker, so the worker is blocked.
test.use({ serviceWorkers: 'block' });

async function backUp(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Cadangkan yang belum terkirim' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^lindungi-cadangan-.*\.lindungi$/);
  return (await file.path())!;
}

/** Every piece of a person's data a stolen file must not show. */
function secrets(p: Person) {
  return [p.nik, p.fullName, p.mother, p.phone, p.street];
}

test('the backup opens only at the city, is imported once, and the phone is erased only once all unsent is in one', async ({
  page,
  context,
  endpoint,
}) => {
  await fixClock(page);
  await enroll(page, endpoint);
  let tries = 0;
  let busy = false;
  await context.route('**/api/v1/registrations/batch', (route) => {
    tries += 1;
    return busy ? route.fulfill({ status: 503, body: '' }) : route.abort('internetdisconnected');
  });
  const form = new RegistrationForm(page);
  const people = [person(7), person(8), person(9)];
  for (const p of people) await form.register(p);

  // Through the app's own links: the PIN was chosen before the enrollment brought the city's
  // key, and nothing has reloaded the app since.
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await page.getByRole('link', { name: 'Pengaturan' }).click();
  await expect(page.getByText('hanya kota yang dapat membukanya')).toBeVisible();
  // Nothing backed up yet: erasing is refused, and says why.
  await page.getByRole('button', { name: 'Hapus data ponsel' }).click();
  await expect(page.getByRole('status')).toHaveText(/^3 pendaftaran belum terkirim dan tidak ada di cadangan terakhir/);

  const path = await backUp(page);
  await expect(page.getByRole('status')).toHaveText('3 pendaftaran ada di berkas cadangan.');
  const text = readFileSync(path, 'utf8');
  for (const p of people) for (const secret of secrets(p)) expect(text, 'personal data in the file').not.toContain(secret);
  expect(JSON.parse(text.split('\n')[0])).toMatchObject({ kind: 'lindungi-backup' });

  // The city opens it with its private key: three received, then none again.
  const first = endpoint.cliResult('import-backup', path);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toContain('3 accepted, 0 already received');
  expect(await endpoint.registrationsHeld()).toBe(3);
  const again = endpoint.cliResult('import-backup', path);
  expect(again.status, again.stderr).toBe(0);
  expect(again.stdout).toContain('0 accepted, 3 already received');
  expect(await endpoint.registrationsHeld()).toBe(3);
  for (const p of people) for (const secret of secrets(p)) expect(first.stdout + first.stderr).not.toContain(secret);

  // A file changed in one byte opens nothing.
  const bytes = readFileSync(path);
  bytes[Math.floor(bytes.length / 2)] ^= 1;
  const tampered = join(endpoint.dir, 'tampered.lindungi');
  writeFileSync(tampered, bytes);
  const refused = endpoint.cliResult('import-backup', tampered);
  expect(refused.status).not.toBe(0);
  expect(refused.stderr).toContain("does not open with this city's key");
  expect(await endpoint.registrationsHeld()).toBe(3);

  // The phone keeps trying to send them, and a try that fails otherwise than before rewrites
  // each record's bookkeeping (its last error): they are still the registrations the backup holds.
  busy = true;
  const triedBefore = tries;
  await page.goto('/');
  await unlocked(page); // sealed registrations are sent once the PIN opens them
  await expect.poll(() => tries, { timeout: 20_000 }).toBeGreaterThan(triedBefore);
  // A registration saved after the backup is in none: erasing is refused again, for it alone.
  const late = person(10);
  await form.register(late);
  await page.goto('/pengaturan');
  await page.getByRole('button', { name: 'Hapus data ponsel' }).click();
  await expect(page.getByRole('status')).toHaveText(/^1 pendaftaran belum terkirim dan tidak ada di cadangan terakhir/);

  // Backed up again, the phone can be erased, after one more tap to confirm.
  await backUp(page);
  await expect(page.getByRole('status')).toHaveText('4 pendaftaran ada di berkas cadangan.');
  await page.getByRole('button', { name: 'Hapus data ponsel' }).click();
  await expect(page.getByRole('status')).toHaveText('Hapus semua data Lindungi di ponsel ini? Tidak dapat dibatalkan.');
  await page.removeLocatorHandler(pinScreen(page));
  await page.getByRole('button', { name: 'Ya, hapus semua' }).click();
  await expect(page).toHaveURL(/\/$/);
  // A new phone: the PIN went with the data, the next officer chooses one.
  await expect(page.getByRole('heading', { name: 'Pilih PIN' })).toBeVisible();
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lindungi.')).sort());
  expect(left.every((k) => ['lindungi.v1.language', 'lindungi.v1.persist'].includes(k)), left.join(', ')).toBe(true);
  await typePinWhenAsked(page);
  await expect(page.getByRole('link', { name: 'Masukkan kode pendaftaran' })).toBeVisible();
});

test('a phone that never received the city key says so instead of making a file nobody can open', async ({ page }) => {
  await fixClock(page);
  await new RegistrationForm(page).register(person(11));
  await page.goto('/pengaturan');
  await page.getByRole('button', { name: 'Cadangkan yang belum terkirim' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Cadangan belum bisa dibuat: ponsel ini belum menerima kunci kota/);
  await page.getByRole('button', { name: 'Hapus data ponsel' }).click();
  await expect(page.getByRole('status')).toHaveText(/^1 pendaftaran belum terkirim/);
});
