import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent } from './support/sync';

// These faults are injected with Playwright's request routing, which cannot see requests
// that pass through a service worker; the worker is tested on its own (pwa-*.spec.ts).
test.use({ serviceWorkers: 'block' });

test('a reload while sending loses nothing and doubles nothing', async ({ page, context, endpoint }) => {
  await fixClock(page);
  await enroll(page, endpoint);
  const form = new RegistrationForm(page);
  await context.setOffline(true);
  for (const seed of [41, 42, 43]) await form.register(person(seed));

  // The first batch reaches the endpoint, but its answer is held back until the page is gone.
  let held: (() => void) | undefined;
  const reached = new Promise<void>((resolve) => {
    void context.route('**/api/v1/registrations/batch', async (route) => {
      if (!held) {
        const response = await route.fetch();
        resolve();
        await new Promise<void>((release) => (held = release));
        await route.fulfill({ response }).catch(() => {});
      } else {
        await route.continue();
      }
    });
  });
  await page.getByRole('link', { name: 'Ke beranda' }).click();
  await context.setOffline(false); // the signal returns: the "online" event starts a sync
  await reached;
  await expect(page.locator('.sync-status')).toContainText('Mengirim');
  await page.reload(); // mid-sync: the records are marked "sending" in storage
  held!();
  await expectSent(page, 3, 30_000);
  expect(await endpoint.registrationsHeld()).toBe(3);
});
