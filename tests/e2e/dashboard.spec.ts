import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { test, expect, type Endpoint } from './fixtures';
import { person } from './support/data';
import { WAGE_EARNER, sendAsOfficer, submission } from './support/city';

// The city's staff: the roster loaded through the real CLI, registrations sent through the
// real API, then the dashboard in the browser — sign in, read the progress, the charts and
// tables, switch to English, and take the hand-over files through the form.

/** The cells of the first sheet of an XLSX file, by row, read with a few lines of zip. */
function xlsxRows(file: Buffer): string[][] {
  const entries = new Map<string, Buffer>();
  // The central directory lists every entry with its offset (the end record points at it).
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = file.readUInt32LE(end + 16);
  for (let n = file.readUInt16LE(end + 10); n > 0; n--) {
    const method = file.readUInt16LE(at + 10);
    const size = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extra = file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    const local = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = file.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extra;
  }
  const unescape = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const shared = [...(entries.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) =>
    unescape(m[1]),
  );
  const sheet = entries.get('xl/worksheets/sheet1.xml')!.toString('utf8');
  return [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((row) => {
    const cells: string[] = [];
    for (const cell of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)) {
      const column = [...cell[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
      cells[column] = cell[2].includes('t="s"') ? shared[Number(cell[3])] : (cell[3] ?? '');
    }
    return Array.from(cells, (c) => c ?? '');
  });
}

test('the city staff sign in, read coverage against the roster and take the hand-over files', async ({ page, endpoint }) => {
  // The roster: eight known actors, written as Indonesian Excel saves CSV (BOM, semicolons).
  const known = [1, 2, 3, 4, 5, 6, 7, 8].map(person);
  const roster = join(endpoint.dir, 'roster.csv');
  const lines = ['NIK;Nama;Kelurahan;Jenis Usaha', ...known.map((p) => `${p.nik};${p.fullName};${p.kelurahan};Kuliner`)];
  writeFileSync(roster, '\uFEFF' + lines.join('\r\n') + '\r\n');
  expect(endpoint.cli('import-roster', roster)).toContain('Roster loaded: 8 entries');
  // A file with a bad row is refused whole, and the roster stays as it was.
  const bad = join(endpoint.dir, 'bad.csv');
  writeFileSync(bad, 'nik,nama,kelurahan,jenis_usaha\n12345,Siti,Kauman,Kuliner\n');
  expect(() => endpoint.cli('import-roster', bad)).toThrow();

  // Five of the eight registered (one with a worker, one through a koperasi), two not on it.
  const strangers = [101, 102].map(person);
  await sendAsOfficer(endpoint, 'Sri Wahyuni', [
    submission(known[0], { withWorker: true }),
    submission(known[1], { viaKoperasi: true }),
    submission(known[2]),
  ]);
  await sendAsOfficer(endpoint, 'Budi Santoso', [submission(known[3]), submission(known[4]), ...strangers.map((p) => submission(p))]);

  await page.goto('/dasbor.html');
  await page.getByLabel('Token admin').fill(endpoint.adminToken());
  await page.getByRole('button', { name: 'Masuk' }).click();

  await expect(page.getByRole('heading', { name: 'Kemajuan menuju target' })).toBeVisible();
  await expect(page.locator('#progress-figure')).toHaveText('5');
  await expect(page.locator('#progress')).toContainText('5 dari 8 (62,5%)');
  await expect(page.getByRole('img', { name: 'Cakupan per kecamatan' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Cakupan per kelurahan' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Registrasi per hari' })).toBeVisible();
  const kelurahan = page.locator('#kelurahan table');
  await expect(kelurahan.getByRole('row')).toHaveCount(19); // header + all 18
  const officers = page.locator('#officers table');
  await expect(officers.getByRole('row', { name: /Budi Santoso/ })).toContainText('4');
  await expect(officers.getByRole('row', { name: /Sri Wahyuni/ })).toContainText('3');
  await expect(page.locator('#koperasi table').getByRole('row', { name: /Merah Putih Kauman/ })).toContainText('Kauman');
  await expect(page.locator('#figures')).toContainText('Registrasi di luar daftar kota');

  // Readable on the phone (360 px) without sideways scrolling, and on a laptop.
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await overflow()).toBeLessThanOrEqual(0);

  // English, remembered on reload.
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Progress toward the target' })).toBeVisible();
  await expect(page.locator('#progress')).toContainText('5 of 8 (62.5%)');
  await expect(page.getByRole('img', { name: 'Coverage by kelurahan' })).toBeVisible();
  await page.goto('/dasbor.html');
  await expect(page.getByRole('heading', { name: 'Lindungi coverage dashboard' })).toBeVisible();

  // The BPU hand-over as XLSX: every registration, NIKs as text.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download BPU (XLSX)' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^lindungi-bpu-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = xlsxRows(readFileSync(await xlsx.path()));
  expect(rows[0].slice(0, 4)).toEqual(['NO', 'NIK', 'NO KPJ', 'NAMA LENGKAP']);
  expect(rows.slice(1).map((r) => r[1]).sort()).toEqual([...known.slice(0, 5), ...strangers].map((p) => p.nik).sort());

  // The worker list as CSV, filtered to the first owner's kelurahan: the worker with the employer.
  await page.getByLabel('Kelurahan', { exact: true }).selectOption({ label: known[0].kelurahan });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PU workers (CSV)' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^lindungi-pekerja-.*\.csv$/);
  const [header, ...workers] = readFileSync(await csv.path(), 'utf8').trim().split('\n').map((l) => l.split(','));
  expect(workers).toHaveLength(1);
  expect(workers[0][header.indexOf('NIK')]).toBe(WAGE_EARNER.nik);
  expect(workers[0][header.indexOf('NIK PEMBERI KERJA')]).toBe(known[0].nik);
  expect(workers[0][header.indexOf('NAMA PEMBERI KERJA')]).toBe(known[0].fullName);

  // Signing out closes the dashboard and the files.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Admin token')).toBeVisible();
  expect((await page.request.get('/api/v1/export.csv')).status()).toBe(401);
});
