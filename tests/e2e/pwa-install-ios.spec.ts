import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

// Safari on iPhone and iPad has no install prompt: "Pasang aplikasi" shows the Add to
// Home Screen steps instead, in the interface's language.
test.use({
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
});

test('on an iPhone, "Pasang aplikasi" shows the Add to Home Screen steps', async ({ page }) => {
  await page.goto('/');
  const install = page.getByRole('button', { name: 'Pasang aplikasi' });
  await expect(install).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('list', { name: 'Cara memasang di iPhone/iPad' })).toHaveCount(0);

  await install.click();
  await expect(install).toHaveAttribute('aria-expanded', 'true');
  const steps = page.getByRole('list', { name: 'Cara memasang di iPhone/iPad' }).getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Bagikan');
  await expect(steps.nth(1)).toContainText('Tambah ke Layar Utama');
  const axe = await new AxeBuilder({ page }).include('aside').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Install the app' })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'How to install on iPhone/iPad' }).getByRole('listitem').nth(1),
  ).toContainText('Add to Home Screen');
});
