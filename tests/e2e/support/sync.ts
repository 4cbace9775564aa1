// Steps around sending: enrolling the phone and reading what the app says.
import { expect, type Page } from '@playwright/test';
import { untilCodeDownloaded, type Endpoint } from '../fixtures';

/** Enrolls this browser's phone with a fresh code from the endpoint, as an officer would. */
export async function enroll(page: Page, endpoint: Endpoint, name = 'HP Uji') {
  await page.goto('/perangkat');
  await page.getByLabel('Kode pendaftaran').fill(endpoint.enrollmentCode());
  await page.getByLabel('Nama ponsel').fill(name);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(page.getByRole('status')).toContainText('Ponsel terdaftar untuk');
  // Journeys go offline next: the phone holds every screen's code first, as a real one would.
  await untilCodeDownloaded(page);
}

/** The list screen's items. */
export function listItems(page: Page) {
  return page.getByRole('list', { name: 'Pendaftaran' }).getByRole('listitem');
}

/** Opens the list the way an officer does, inside the app: no reload, so nothing in flight is cut off. */
export async function openList(page: Page) {
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await page.getByRole('link', { name: 'Semua pendaftaran' }).click();
}

/** Waits until the list shows `n` registrations as sent. */
export async function expectSent(page: Page, n: number, timeout = 30_000) {
  await openList(page);
  await expect(listItems(page).filter({ hasText: 'Terkirim' })).toHaveCount(n, { timeout });
}
