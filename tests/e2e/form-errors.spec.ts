import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';

test('a bad NIK shows its message next to the field', async ({ page }) => {
  await fixClock(page);
  const form = new RegistrationForm(page);
  await form.start();
  const nik = page.getByLabel('NIK', { exact: true });
  await nik.fill('3576');
  await nik.blur();
  await expect(page.getByText('NIK harus 16 angka.')).toBeVisible();
  await expect(nik).toHaveAttribute('aria-invalid', 'true');
  // Day 35 is neither a man's (1–31) nor a woman's (41–71) birth day.
  await nik.fill('3576023501900001');
  await expect(page.getByText('Tanggal lahir di NIK tidak mungkin (angka ke-7–8).')).toBeVisible();
  await nik.fill(person(2).nik);
  await expect(page.locator('#f-participant-nik-error')).toBeHidden();
  await expect(nik).toHaveAttribute('aria-invalid', 'false');
});

test('a birth date that disagrees with the NIK is flagged', async ({ page }) => {
  await fixClock(page);
  const p = person(3);
  const form = new RegistrationForm(page);
  await form.start();
  await page.getByLabel('Tanggal lahir').fill('1999-12-31');
  await page.getByLabel('NIK', { exact: true }).fill(p.nik);
  await expect(page.getByText('Tanggal lahir tidak sama dengan NIK.')).toBeVisible();
});

test('next refuses to leave a step with errors and says why', async ({ page }) => {
  await fixClock(page);
  const form = new RegistrationForm(page);
  await form.start();
  await form.next();
  await expect(page.getByRole('heading', { name: 'Identitas' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Periksa isian yang ditandai.');
  await expect(page.getByText('Wajib diisi.').first()).toBeVisible();
});
