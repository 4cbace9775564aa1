import { test, expect } from './fixtures';

// The walking skeleton, end to end: names saved with no signal survive a reload and
// reach the city exactly once when the signal comes back.
test('names saved offline survive a reload and reach the endpoint once', async ({ page, context, endpoint }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Lindungi' })).toBeVisible();

  await context.setOffline(true);
  for (const name of ['Siti Aminah', 'Budi Santoso']) {
    await page.getByLabel('Nama').fill(name);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByRole('status')).toContainText('Tersimpan');
  }

  // Until the service worker lands (issue 7) a page cannot load with no signal at all,
  // so the reload happens online; the names must come back from browser storage, unsent.
  await context.setOffline(false);
  await page.reload();
  const list = page.getByRole('list', { name: 'Daftar' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('Siti Aminah');
  await expect(list).toContainText('Budi Santoso');
  await expect(list.getByText('di ponsel ini')).toHaveCount(2);
  expect((await endpoint.json<{ count: number }>('/api/v1/skeleton/entries')).count).toBe(0);

  await page.getByRole('button', { name: 'Kirim' }).click();
  await expect(list.getByText('terkirim')).toHaveCount(2);

  // Sending again must not create more rows.
  await page.getByRole('button', { name: 'Kirim' }).click();
  const { count } = await endpoint.json<{ count: number }>('/api/v1/skeleton/entries');
  expect(count).toBe(2);
});
