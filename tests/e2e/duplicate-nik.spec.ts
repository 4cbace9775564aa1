import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';

test('a NIK already on this phone warns and links to the existing registration', async ({ page }) => {
  await fixClock(page);
  const p = person(5);
  const form = new RegistrationForm(page);
  await form.register(p);

  await form.start();
  await page.getByLabel('NIK', { exact: true }).fill(p.nik);
  const warning = page.getByRole('alert').filter({ hasText: 'NIK ini sudah ada di ponsel ini:' });
  await expect(warning).toContainText(p.fullName);
  await expect(warning).toContainText('Menunggu dikirim');
  await warning.getByRole('link', { name: 'Buka yang sudah ada' }).click();
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(p.fullName);
});
