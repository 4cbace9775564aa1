import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent, listItems } from './support/sync';

test('a revoked token asks for a new code and keeps every unsent registration', async ({ page, endpoint }) => {
  await fixClock(page);
  await enroll(page, endpoint);
  const form = new RegistrationForm(page);
  await form.register(person(71));
  await expectSent(page, 1);

  endpoint.cli('revoke-device', '1');
  await form.register(person(72));
  await page.getByRole('link', { name: 'Ke beranda' }).click();
  await expect(page.getByText('Ponsel ini perlu kode pendaftaran petugas')).toBeVisible({ timeout: 20_000 });
  await page.goto('/data');
  await expect(listItems(page).filter({ hasText: 'Menunggu dikirim' })).toHaveCount(1);

  await page.goto('/');
  await page.getByRole('link', { name: 'Masukkan kode pendaftaran' }).click();
  await enroll(page, endpoint, 'HP Uji baru');
  await expectSent(page, 2, 30_000);
  expect(await endpoint.registrationsHeld()).toBe(2);
});
