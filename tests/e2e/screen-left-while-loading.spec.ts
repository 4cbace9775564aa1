import { test, expect } from './fixtures';
import type { Page, Route } from '@playwright/test';

// Every screen but home is a chunk of code of its own (src/pages/lazy.rs), which on a slow
// signal can take seconds to arrive. An officer who opens the app on one of those screens
// (a reload of the list, a link) and taps "Lindungi" before it has arrived must land on home
// and stay there: the late screen must not appear over home. The chunks are held back here
// with Playwright's routing, which cannot see requests that pass through a service worker:
// the worker is blocked.
test.use({ serviceWorkers: 'block' });

/** Holds back the list screen's code (its module) until `release` is called. Only the list's:
 *  the code that opens the store after the PIN is a chunk too, and must arrive for any screen. */
async function holdChunks(page: Page) {
  const held: Route[] = [];
  let released = false;
  await page.route(/\/split___list_view_[^/]*\.wasm$/, (route) => (released ? route.continue() : void held.push(route)));
  return {
    held: () => held.length,
    release: async () => {
      released = true;
      await Promise.all(held.splice(0).map((route) => route.continue()));
    },
  };
}

/** Lets the app finish what arrived: the chunks' code runs in tasks after their responses. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((done) => setTimeout(done, 250)));
}

const home = (page: Page) => page.getByRole('link', { name: 'Semua pendaftaran' });
const listHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Semua pendaftaran' });

test('leaving a screen whose code is still on its way lands on home, and the late screen never covers it', async ({
  page,
}) => {
  const chunks = await holdChunks(page);
  await page.goto('/data');
  await expect.poll(chunks.held, { message: "the list's code is asked for" }).toBeGreaterThan(0);
  await expect(page.getByRole('status')).toHaveText('Membuka layar…');
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await expect(home(page)).toBeVisible();

  await chunks.release();
  await settle(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(home(page)).toBeVisible();
  await expect(listHeading(page)).toHaveCount(0);

  // The list itself still opens, once asked for again.
  await home(page).click();
  await expect(listHeading(page)).toBeVisible();
});

test('a screen left while its code is on its way, after the app had started on home, does not cover the next one either', async ({
  page,
}) => {
  await page.goto('/');
  await expect(home(page)).toBeVisible();
  // Held from here: the background preload of the other screens is still running or done;
  // either way the list's code is asked for again only if it has not arrived yet.
  const chunks = await holdChunks(page);
  await home(page).click();
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await expect(home(page)).toBeVisible();

  await chunks.release();
  await settle(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(home(page)).toBeVisible();
  await expect(listHeading(page)).toHaveCount(0);
});
