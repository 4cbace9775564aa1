import type { Response } from '@playwright/test';
import { test, expect, untilServiceWorkerControls } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent } from './support/sync';

// What the city answered must come from the city: the service worker never answers or
// keeps anything under /api/, so with the endpoint gone an API call fails instead of
// getting an old answer.
test('no API response ever comes from the service worker or its caches', async ({ page, endpoint }) => {
  const api: Response[] = [];
  const shell: Response[] = [];
  page.on('response', (r) => (new URL(r.url()).pathname.startsWith('/api/') ? api : shell).push(r));

  await fixClock(page);
  await page.goto('/');
  await untilServiceWorkerControls(page);
  await page.reload();
  // The check below can tell: the shell itself now comes from the worker.
  expect(shell.filter((r) => r.fromServiceWorker()).length).toBeGreaterThan(0);

  // The app's own calls: enrolling the phone, then sending a registration.
  await enroll(page, endpoint);
  await new RegistrationForm(page).register(person(24));
  await expectSent(page, 1);
  // A GET, which a careless worker would be most tempted to cache, twice.
  for (let i = 0; i < 2; i++) {
    expect(await page.evaluate(() => fetch('/api/v1/health').then((r) => r.status))).toBe(200);
  }

  const methods = new Set(api.map((r) => r.request().method()));
  expect([...methods].sort()).toEqual(['GET', 'POST']);
  for (const response of api) {
    expect(response.fromServiceWorker(), `${response.request().method()} ${response.url()}`).toBe(false);
  }
  const cachedApi = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls.filter((u) => new URL(u).pathname.startsWith('/api/'));
  });
  expect(cachedApi).toEqual([]);

  await endpoint.stop();
  const outcome = await page.evaluate(() =>
    fetch('/api/v1/health').then(
      (r) => `answered ${r.status}`,
      () => 'failed',
    ),
  );
  expect(outcome).toBe('failed');
});
