import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';

test('a draft survives a reload and can be continued from home', async ({ page }) => {
  await fixClock(page);
  const p = person(4);
  const form = new RegistrationForm(page);
  await form.start();
  await page.getByLabel('NIK', { exact: true }).fill(p.nik);
  await page.getByLabel('Nama lengkap (sesuai KTP)').fill(p.fullName);
  await expect(page.getByRole('status')).toHaveText('Draf tersimpan di ponsel ini');

  await page.reload();
  await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(p.nik);
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(p.fullName);

  // A second draft can exist beside the first.
  await page.goto('/');
  await page.getByRole('link', { name: 'Daftar baru' }).click();
  await page.getByLabel('Nama lengkap (sesuai KTP)').fill('Draf Kedua');
  await page.goto('/');
  const drafts = page.getByRole('region', { name: 'Lanjutkan draf' });
  await expect(drafts.getByRole('link')).toHaveCount(2);
  await drafts.getByRole('link', { name: new RegExp(p.fullName) }).click();
  await expect(page.getByLabel('NIK', { exact: true })).toHaveValue(p.nik);
});

test('a draft is discarded only after a confirmation', async ({ page }) => {
  await fixClock(page);
  const form = new RegistrationForm(page);
  await form.start();
  await page.getByLabel('Nama lengkap (sesuai KTP)').fill('Akan Dibuang');
  await page.getByRole('button', { name: 'Buang draf' }).click();
  await page.getByRole('button', { name: 'Batal' }).click();
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Lanjutkan draf' }).getByRole('link')).toHaveCount(1);
  await page.getByRole('region', { name: 'Lanjutkan draf' }).getByRole('link').click();
  await page.getByRole('button', { name: 'Buang draf' }).click();
  await page.getByRole('button', { name: 'Ya, buang' }).click();
  await expect(page.getByRole('link', { name: 'Daftar baru' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lanjutkan draf' })).toHaveCount(0);
});
