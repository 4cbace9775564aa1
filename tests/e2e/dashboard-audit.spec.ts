import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

// The city's staff read who did what: the audit trail on the dashboard lists the officer made
// at the command line, the phone enrolled with their code, the sign-in and the hand-over file
// taken, in Indonesian and in English, as accessible as the rest of the page. Signing out ends
// the session on the server: the cookie the browser had no longer opens anything.

test('the audit trail shows who did what in both languages, and signing out ends the session on the server', async ({ page, endpoint }) => {
  const enrolled = await fetch(`${endpoint.url}/api/v1/devices`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enrollment_code: endpoint.enrollmentCode('Sri Wahyuni'), device_name: 'HP pasar' }),
  });
  expect(enrolled.status).toBe(201);
  expect(enrolled.headers.get('cache-control')).toBe('no-store');

  await page.goto('/dasbor.html');
  await page.getByLabel('Token admin').fill(endpoint.adminToken());
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { name: 'Kemajuan menuju target' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh BPU (CSV)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  await page.reload();

  const trail = page.getByRole('region', { name: 'Jejak audit' });
  await expect(page.getByRole('heading', { name: 'Jejak audit' })).toBeVisible();
  const rows = trail.getByRole('row');
  // Newest first: the download, the sign-in, the enrollment, the officer and the admin token.
  await expect(rows.nth(1)).toContainText('Berkas bpu.csv diunduh (semua): 0 baris');
  await expect(rows.nth(1)).toContainText('Token admin \u201ce2e\u201d');
  await expect(rows.nth(2)).toContainText('Masuk ke dasbor');
  await expect(rows.nth(2)).toContainText('127.0.0.1');
  await expect(trail).toContainText(/Perangkat #\d+ didaftarkan untuk petugas #\d+/);
  await expect(trail).toContainText(/Petugas #\d+ dibuat; kode pendaftaran berlaku sampai \d{4}-\d{2}-\d{2}/);
  await expect(trail).toContainText('Baris perintah server');
  // No officer's name: ids only.
  await expect(trail).not.toContainText('Sri Wahyuni');
  const axe = await new AxeBuilder({ page }).include('#audit').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await page.getByRole('link', { name: 'English' }).click();
  const english = page.getByRole('region', { name: 'Audit trail' });
  await expect(english.getByRole('row').nth(1)).toContainText('File bpu.csv downloaded (everything): 0 rows');
  await expect(english).toContainText('Signed in to the dashboard');
  await expect(english.getByRole('columnheader')).toHaveText(['Time (WIB)', 'By', 'Action', 'IP address']);

  // Signing out ends the session where it is kept: the cookie the browser held opens nothing.
  const [session] = (await page.context().cookies()).filter((c) => c.name === 'lindungi_session');
  expect(session.secure && session.httpOnly && session.sameSite === 'Strict').toBeTruthy();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Admin token')).toBeVisible();
  const replayed = await fetch(`${endpoint.url}/api/v1/export.csv`, { headers: { Cookie: `lindungi_session=${session.value}` } });
  expect(replayed.status).toBe(401);
});
