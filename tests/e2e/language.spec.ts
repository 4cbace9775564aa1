import { test, expect } from './fixtures';

test('the English switch changes every label and is remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('link', { name: 'New registration' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('link', { name: 'New registration' })).toBeVisible();
  await page.getByRole('link', { name: 'New registration' }).click();
  await expect(page.getByLabel('Full name (as on the ID card)')).toBeVisible();
  const nik = page.getByLabel('NIK', { exact: true });
  await nik.fill('12');
  await nik.blur();
  await expect(page.getByText('A NIK has 16 digits.')).toBeVisible();
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByText('NIK harus 16 angka.')).toBeVisible();
});
