import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { test, expect, ensurePin, untilServiceWorkerControls, type Endpoint } from './fixtures';

// Where the browser offers to install the app (Chromium on Android), the app shows its
// own "Pasang aplikasi" button, which opens the browser's install prompt once.
//
// Chromium never offers it in an incognito context (every Playwright context is one),
// so this journey runs a browser with a profile of its own; the engagement check (a
// user must have used the site for a while) is skipped by a Chromium switch.
/**
 * The journey, in a browser with a profile of its own. With `slowStart`, the app's code
 * starts two seconds late, as on a slow phone: Chromium makes its offer before the app listens.
 */
async function offered(endpoint: Endpoint, slowStart: boolean) {
  const launch = test.info().project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(join(endpoint.dir, 'profile'), {
    ...launch,
    args: [...(launch.args ?? []), '--bypass-app-banner-engagement-checks'],
    baseURL: endpoint.url,
    viewport: { width: 360, height: 640 },
    locale: 'id-ID',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await ensurePin(page);
    // Counts calls to the browser's prompt (and still makes them): the dialog it opens
    // is the browser's own, out of the page's reach.
    await page.addInitScript(() => {
      const w = window as unknown as { prompted: number; BeforeInstallPromptEvent?: { prototype: { prompt(): unknown } } };
      const proto = w.BeforeInstallPromptEvent?.prototype;
      w.prompted = 0;
      if (!proto) return;
      const prompt = proto.prompt;
      proto.prompt = function () {
        w.prompted++;
        return prompt.call(this);
      };
    });
    if (slowStart) {
      await page.addInitScript(() => {
        const late = <T extends unknown[], R>(f: (...a: T) => Promise<R>) => (...a: T) =>
          new Promise<void>((wait) => setTimeout(wait, 2000)).then(() => f(...a));
        WebAssembly.instantiateStreaming = late(WebAssembly.instantiateStreaming.bind(WebAssembly));
        WebAssembly.instantiate = late(WebAssembly.instantiate.bind(WebAssembly)) as typeof WebAssembly.instantiate;
      });
    }
    await page.goto('/');
    await untilServiceWorkerControls(page);
    const cdp = await context.newCDPSession(page);
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);

    // Chromium decides to offer installing on a visit once the worker runs.
    await page.reload();
    const install = page.getByRole('button', { name: 'Pasang aplikasi' });
    await expect(install).toBeVisible();
    await expect(install).not.toHaveAttribute('aria-expanded');

    await install.click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { prompted: number }).prompted))
      .toBe(1);
    // (Headless Chromium dismisses its dialog at once and offers again, so the button
    // comes back: what happens after the prompt is the browser's.)
  } finally {
    await context.close();
  }
}

test('where the browser offers installing, "Pasang aplikasi" opens its prompt', async ({ endpoint }) => {
  await offered(endpoint, false);
});

test('an offer the browser makes before the app has started is kept for its button', async ({ endpoint }) => {
  await offered(endpoint, true);
});
