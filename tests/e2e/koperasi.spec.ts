import { test, expect } from './fixtures';
import { person, type Person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent } from './support/sync';

// A koperasi registers its members through an officer, one after another: the officer
// registers the koperasi once, and it stays chosen for every next member (also after a
// reload) until changed. One member owns a warung with two workers, who travel with the
// registration as a wage-earner list for the BPJS branch, not as participants.
const KOPERASI = 'Koperasi Kelurahan Merah Putih Kauman';

test('three members of a koperasi are registered one after another and reach the city with it', async ({ page, endpoint }) => {
  await fixClock(page);
  await enroll(page, endpoint);

  // Register the koperasi (with a mistake first: the chair's NIK is short).
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await page.getByRole('link', { name: 'Koperasi', exact: true }).click();
  await expect(page.getByText('Belum ada koperasi. Daftarkan di bawah.')).toBeVisible();
  await page.getByLabel('Nama koperasi').fill(KOPERASI);
  await page.getByLabel('NIK ketua koperasi').fill('3576011203');
  await page.getByLabel('Kelurahan koperasi').selectOption({ label: 'Kauman' });
  await page.getByRole('button', { name: 'Simpan dan pilih koperasi' }).click();
  await expect(page.getByRole('status')).toHaveText('Periksa isian yang ditandai.');
  await expect(page.getByText('NIK harus 16 angka.')).toBeVisible();
  await page.getByLabel('NIK ketua koperasi').fill('3576011203850002');
  await page.getByLabel('Nomor badan hukum (AHU)').fill('AHU-0001234.AH.01.29.TAHUN 2025');
  await page.getByRole('button', { name: 'Simpan dan pilih koperasi' }).click();
  await expect(page.getByRole('status')).toContainText('Koperasi tersimpan dan terpilih.');
  const chosen = page.getByRole('region', { name: 'Koperasi terpilih' });
  await expect(chosen).toContainText(KOPERASI);
  // Stored sealed under the officer's PIN: neither the chair's NIK nor the name is in storage.
  const stored = await page.evaluate(() => Object.values(localStorage).join('\n'));
  expect(stored).not.toContain('3576011203850002');
  expect(stored).not.toContain(KOPERASI);

  const form = new RegistrationForm(page);
  const members = [person(301), person(302), person(303)];
  for (const [i, member] of members.entries()) {
    if (i === 0) await chosen.getByRole('link', { name: 'Daftarkan anggota' }).click();
    else await page.getByRole('link', { name: 'Daftar baru lagi' }).click();
    if (i === 2) {
      // The choice is on the phone, not in the page: a reload keeps it.
      await page.reload();
    }
    await registerMember(page, form, member, i);
  }

  // Home says where new registrations go.
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await expect(page.getByText('Pendaftaran baru lewat koperasi')).toContainText(KOPERASI);

  // Sent by themselves (enrolled, online); the city counts the three under the koperasi.
  await expectSent(page, 3);
  const response = await fetch(`${endpoint.url}/api/v1/stats`, {
    headers: { Authorization: `Bearer ${endpoint.adminToken()}` },
  });
  const stats = await response.json();
  expect(stats.total).toBe(3);
  const counted = stats.by_koperasi.find((k: { name: string }) => k.name === KOPERASI);
  expect(counted?.count).toBe(3);
  expect(counted?.kelurahan).toBe('Kauman');
  expect(stats.without_koperasi).toBe(0);

  // The two workers reach the city as a wage-earner list under their employer, not as participants.
  const workers = await fetch(`${endpoint.url}/api/v1/workers.csv`, {
    headers: { Authorization: `Bearer ${endpoint.adminToken()}` },
  });
  expect(workers.status).toBe(200);
  const rows = (await workers.text()).trim().split(/\r?\n/);
  expect(rows).toHaveLength(3);
  const header = rows[0].split(',');
  const employerName = header.indexOf('NAMA PEMBERI KERJA');
  const workerName = header.indexOf('NAMA LENGKAP');
  expect(rows.slice(1).map((r) => r.split(',')[employerName])).toEqual([members[1].fullName, members[1].fullName]);
  expect(rows.slice(1).map((r) => r.split(',')[workerName]).sort()).toEqual([person(401).fullName, person(402).fullName].sort());
});

async function registerMember(page: import('@playwright/test').Page, form: RegistrationForm, p: Person, index: number) {
  await expect(page.getByRole('heading', { name: 'Identitas' })).toBeVisible();
  await form.fillIdentity(p);
  await form.next();
  await form.fillAddress(p);
  await form.next();
  await form.fillBusiness(p);
  // The koperasi is already chosen for this member.
  const koperasi = page.getByLabel('Koperasi', { exact: true });
  await expect(koperasi.locator('option:checked')).toHaveText(KOPERASI);
  await page.getByLabel('Nomor anggota koperasi').fill(`KMP-00${index + 1}`);
  if (index === 1) await addWorkers(page, p);
  await form.next();
  await form.fillCoverage(p);
  await form.save();
  await expect(page.getByText('Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.')).toBeVisible();
}

/** Two workers; the first try lists the owner's own NIK, which the form refuses. */
async function addWorkers(page: import('@playwright/test').Page, owner: Person) {
  const workers = [person(401), person(402)];
  for (const [i, w] of workers.entries()) {
    await page.getByRole('button', { name: 'Tambah pekerja' }).click();
    const n = i + 1;
    await page.getByLabel(`Nama lengkap pekerja ${n}`).fill(w.fullName);
    await page.getByLabel(`NIK pekerja ${n}`).fill(i === 0 ? owner.nik : w.nik);
    await page.getByLabel(`Upah per bulan (Rp) ${n}`).fill('1.800.000');
  }
  // Adding workers raised the employee count to match the list.
  await expect(page.getByLabel(/^Jumlah pekerja/)).toHaveValue('2');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await expect(page.getByText('Ini NIK pemilik usaha sendiri')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Usaha' })).toBeVisible();
  await page.getByLabel('NIK pekerja 1').fill(workers[0].nik);
  await page.getByLabel('Nomor HP pekerja 2').fill('0813 2222 3333');
}
