import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';

// An officer with no signal registers a trader in Indonesian, sees the contribution,
// saves, reloads, and finds the registration in the list with its NIK masked.
test('a trader registered offline is kept on the phone and listed after a reload', async ({ page, context }) => {
  await fixClock(page);
  const p = person(1);
  const form = new RegistrationForm(page);
  await form.start();
  await context.setOffline(true);

  await form.fillIdentity(p);
  await form.next();
  await form.fillAddress(p);
  await form.next();
  await form.fillBusiness(p);
  await form.next();
  await form.fillCoverage(p);

  // Income 1.000.000 -> JKK 10.000 + JKM 6.800 = Rp16.800 a month (`docs/domain.md` §3); November
  // 2026 is inside the PP 50/2025 window, so half of it is taken off.
  const preview = page.getByRole('region', { name: 'Perkiraan iuran' });
  await expect(preview.getByTestId('per-month')).toHaveText('Rp16.800');
  await expect(preview.getByTestId('discount')).toHaveText('−Rp8.400');
  await expect(preview.getByTestId('period-total')).toHaveText('Rp8.400');
  // Three months (Nov, Dec 2026, Jan 2027) straddle the window's end: January is paid in full.
  await page.getByLabel('Bayar untuk').selectOption('3');
  await expect(preview.getByTestId('period-total')).toHaveText('Rp33.600');
  await page.getByLabel('Tambah JHT').check();
  await expect(preview.getByTestId('per-month')).toHaveText('Rp36.800');

  await form.save();
  await expect(page.getByText('Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.')).toBeVisible();

  await context.setOffline(false);
  await page.goto('/data');
  await page.reload();
  const list = page.getByRole('list', { name: 'Pendaftaran' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const item = list.getByRole('listitem').first();
  await expect(item).toContainText(p.fullName);
  await expect(item).toContainText(`•••• •••• •••• ${p.nik.slice(-4)}`);
  await expect(item).not.toContainText(p.nik);
  await expect(item).toContainText('Menunggu dikirim');

  // Found by NIK and by name.
  await page.getByLabel('Cari nama atau NIK').fill(p.nik.slice(-6));
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Cari nama atau NIK').fill('nobody like this');
  await expect(page.getByText('Tidak ada yang cocok.')).toBeVisible();
  await page.getByLabel('Cari nama atau NIK').fill(p.fullName.split(' ')[0].toLowerCase());
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await page.goto('/');
  const counts = page.getByRole('region', { name: 'Pendaftaran di ponsel ini' });
  await expect(counts.getByRole('definition').nth(1)).toHaveText('1'); // waiting to send
  await expect(counts.getByRole('definition').nth(0)).toHaveText('0'); // drafts
});
