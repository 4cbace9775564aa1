import { test, expect } from './fixtures';
import { fillStorage, freeStorage } from './support/pwa';

// An enrollment code works once. A phone whose storage is full could not keep the token it
// would be given, so it does not spend the code: it says why, and the same code works once
// there is room.
test('an enrollment code is not spent while the phone has no room for the token', async ({ page, endpoint }) => {
  await page.goto('/perangkat');
  const code = endpoint.enrollmentCode();
  await page.getByLabel('Kode pendaftaran').fill(code);
  await page.getByLabel('Nama ponsel').fill('HP Penuh');
  await fillStorage(page);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(page.getByRole('status')).toContainText('Penyimpanan ponsel penuh');
  await expect(page.getByRole('status')).toContainText('kode belum dipakai');

  // Room again (the officer sent or backed up what was waiting): the same code works.
  await freeStorage(page);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(page.getByRole('status')).toContainText('Ponsel terdaftar untuk Petugas Uji');
  // And the phone keeps it: after a reload it is still enrolled.
  await page.reload();
  await expect(page.getByText('Ponsel terdaftar untuk')).toBeVisible();
  await page.goto('/');
  await expect(page.getByText('Petugas: Petugas Uji')).toBeVisible();
});
