import { test, expect, unlocked } from './fixtures';
import type { Route } from '@playwright/test';
import { inject, queuedV1, syncedCount } from './support/stored';
import { enroll } from './support/sync';

// Where a browser has no Web Locks, one tab syncs at a time by a lease in storage that
// expires (so a dead tab blocks no one for long). A sync that outlasts the lease renews it as
// it goes: a second tab must not start sending while the first is still at it. Web Locks are
// removed before the app loads; time is Playwright's clock, moved on while batches are held.
test.use({ serviceWorkers: 'block' });

/** How long a lease lasts without renewal (`src/sync/lock.rs`). */
const LEASE_MS = 60_000;
/** Less than a request's own timeout (30 s), so no request is given up while it is held. */
const STEP_MS = 25_000;

test('without Web Locks, a sync longer than the lease keeps a second tab from sending', async ({ context, endpoint }) => {
  await context.addInitScript(() => {
    delete (Navigator.prototype as { locks?: unknown }).locks;
  });
  await context.clock.install();
  const one = await context.newPage();
  await enroll(one, endpoint);
  expect(await one.evaluate(() => 'locks' in navigator)).toBe(false);

  // Three batches' worth: the sync runs for as long as the batches are held.
  const records = Array.from({ length: 300 }, (_, n) => queuedV1(n));
  await inject(one, records);
  const held: Route[] = [];
  let batches = 0;
  await context.route('**/api/v1/registrations/batch', async (route) => {
    batches++;
    held.push(route);
  });
  await one.reload();
  await unlocked(one); // the PIN opens the registrations and starts the sync: its first batch is held
  await expect.poll(() => held.length).toBe(1);
  const two = await context.newPage();
  await two.goto('/');

  // Each batch is answered only after time has moved on; between them, the second tab tries.
  for (let n = 1; n <= 3; n++) {
    await context.clock.fastForward(STEP_MS);
    await two.getByRole('button', { name: 'Kirim sekarang' }).click();
    // Its attempt is over in well under a second (a look at the lease, then a request or not).
    await two.waitForTimeout(1_000);
    await expect(two.locator('.sync-status')).toHaveText('Tab lain sedang mengirim.');
    expect(batches, `batches sent after ${(n * STEP_MS) / 1000} s`).toBe(n);
    await held.shift()!.continue();
    if (n < 3) await expect.poll(() => held.length).toBe(1);
  }
  expect(3 * STEP_MS).toBeGreaterThan(LEASE_MS);

  await expect.poll(() => syncedCount(one), { timeout: 20_000 }).toBe(records.length);
  await context.unroute('**/api/v1/registrations/batch');
  expect(await endpoint.registrationsHeld()).toBe(records.length);
  expect(batches).toBe(3);
});
