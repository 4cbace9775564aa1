import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type Endpoint } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent } from './support/sync';

// Which phone holds what (src/sync/health.rs): a phone whose registrations cannot get in (here
// the endpoint answers 503 to its batches) tells the city with a heartbeat how many wait and
// since when; once they are in, the batch says none is left. The city reads it in the
// dashboard's phones table. The fault is injected with Playwright's routing, which cannot see
// requests that pass through a service worker, so the worker is blocked (the app knows its
// version from its own index.html all the same).
test.use({ serviceWorkers: 'block' });

/** The dashboard's row of the phone named "HP Uji": its cells after the officer's name. */
async function phoneRow(dashboard: Page, endpoint: Endpoint) {
  await dashboard.goto(`${endpoint.url}/dasbor.html`);
  if (await dashboard.getByLabel('Token admin').isVisible()) {
    await dashboard.getByLabel('Token admin').fill(endpoint.adminToken());
    await dashboard.getByRole('button', { name: 'Masuk' }).click();
  }
  const table = dashboard.getByRole('region', { name: 'HP petugas' });
  await expect(table).toBeVisible();
  // Cells: phone, last seen, waiting, oldest waiting, app version, storage.
  return table.getByRole('row').filter({ hasText: 'HP Uji' }).getByRole('cell');
}

test('the dashboard shows how many registrations wait on a phone before they reach the city, and none after', async ({
  page,
  context,
  endpoint,
}) => {
  await fixClock(page);
  await enroll(page, endpoint);
  let busy = true;
  await context.route('**/api/v1/registrations/batch', (route) =>
    busy ? route.fulfill({ status: 503, body: '' }) : route.continue(),
  );
  const form = new RegistrationForm(page);
  await form.register(person(51));
  await form.register(person(52));

  const served = /const VERSION = '([^']+)';/.exec(readFileSync(join(endpoint.dist, 'sw.js'), 'utf8'))![1];
  expect(readFileSync(join(endpoint.dist, 'index.html'), 'utf8')).toContain(`data-version="${served}"`);
  const dashboard = await context.newPage();
  await expect
    .poll(async () => (await phoneRow(dashboard, endpoint)).nth(2).textContent(), { timeout: 20_000 })
    .toBe('2');
  const cells = await phoneRow(dashboard, endpoint);
  await expect(cells.nth(3)).toHaveText(/menit|jam|hari/);
  // The running app is the version the endpoint serves: not flagged as old.
  await expect(cells.nth(4)).toHaveText(served);
  await expect(cells.nth(5)).not.toHaveText('—');
  expect(await endpoint.registrationsHeld()).toBe(0);

  // The endpoint takes batches again: the phone's retry sends both, and nothing waits.
  busy = false;
  await expectSent(page, 2, 40_000);
  expect(await endpoint.registrationsHeld()).toBe(2);
  await expect
    .poll(async () => (await phoneRow(dashboard, endpoint)).nth(2).textContent())
    .toBe('0');
  await expect((await phoneRow(dashboard, endpoint)).nth(3)).toHaveText('—');
});
