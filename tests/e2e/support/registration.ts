// Page object for the registration form: the steps an officer goes through, by label.
import { expect, type Page } from '@playwright/test';
import type { Person } from './data';

// Market time in Mojokerto, fixed so that "this month" and the PP 50/2025 window are
// the same on every run: 23 November 2026 falls inside the April–December 2026 window.
export const FIXED_NOW = new Date('2026-11-23T10:00:00+07:00');

export async function fixClock(page: Page) {
  await page.clock.setFixedTime(FIXED_NOW);
}

export class RegistrationForm {
  constructor(private readonly page: Page) {}

  /** Opens a new form: by loading the app the first time, then inside the app, as an
   *  officer taps through it (which also works with no signal once it is loaded). */
  async start() {
    if (this.page.url() === 'about:blank') await this.page.goto('/');
    else await this.page.getByRole('link', { name: 'Lindungi' }).click();
    await this.page.getByRole('link', { name: 'Daftar baru', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Identitas' })).toBeVisible();
  }

  async next() {
    await this.page.getByRole('button', { name: 'Lanjut' }).click();
  }

  async fillIdentity(p: Person) {
    const page = this.page;
    await page.getByLabel('NIK', { exact: true }).fill(p.nik);
    await page.getByLabel('Nama lengkap (sesuai KTP)').fill(p.fullName);
    await page.getByLabel('Tempat lahir').fill(p.placeOfBirth);
    // The NIK filled the birth date and sex already; check instead of typing them.
    await expect(page.getByLabel('Tanggal lahir')).toHaveValue(p.birthDate);
    await expect(page.getByLabel(p.sex === 'L' ? 'Laki-laki' : 'Perempuan')).toBeChecked();
    await page.getByLabel('Nama ibu kandung').fill(p.mother);
    await page.getByLabel('Nomor HP').fill(p.phone);
  }

  async fillAddress(p: Person) {
    const page = this.page;
    await expect(page.getByRole('heading', { name: 'Alamat' })).toBeVisible();
    await page.getByLabel('Jalan dan nomor rumah').fill(p.street);
    await page.getByLabel('RT', { exact: true }).fill(p.rt);
    await page.getByLabel('RW', { exact: true }).fill(p.rw);
    await page.getByLabel('Kelurahan').selectOption({ label: p.kelurahan });
  }

  async fillBusiness(p: Person) {
    const page = this.page;
    await expect(page.getByRole('heading', { name: 'Usaha' })).toBeVisible();
    await page.getByLabel('Nama usaha').fill(p.businessName);
    const kind = page.getByLabel('Jenis usaha', { exact: true });
    const label = await kind.locator(`option[value="${p.businessKind}"]`).textContent();
    await kind.selectOption({ label: label! });
    await page.getByLabel('Lokasi usaha').fill(p.location);
  }

  async fillCoverage(p: Person) {
    const page = this.page;
    await expect(page.getByRole('heading', { name: 'Iuran dan persetujuan' })).toBeVisible();
    await page.getByLabel('Penghasilan per bulan (Rp)').fill(p.income);
    await page.getByLabel('Peserta setuju data pribadinya diproses').check();
  }

  async save() {
    await this.page.getByRole('button', { name: 'Simpan' }).click();
  }

  /** The whole journey for one person, ending on the "saved" screen. */
  async register(p: Person) {
    await this.start();
    await this.fillIdentity(p);
    await this.next();
    await this.fillAddress(p);
    await this.next();
    await this.fillBusiness(p);
    await this.next();
    await this.fillCoverage(p);
    await this.save();
    await expect(this.page.getByText('Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.')).toBeVisible();
  }
}
