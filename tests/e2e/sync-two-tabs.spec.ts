import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent } from './support/sync';

// These faults are injected with Playwright's request routing, which cannot see requests
// that pass through a service worker; the worker is tested on its own (pwa-*.spec.ts).
test.use({ serviceWorkers: 'block' });

test('two tabs saving and syncing at once send each registration once', async ({ context, endpoint }) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await fixClock(one);
  await fixClock(two);
  await enroll(one, endpoint);
  await two.goto('/');
  const batches: number[] = [];
  await context.route('**/api/v1/registrations/batch', async (route) => {
    batches.push(JSON.parse(route.request().postData() ?? '{}').registrations.length);
    await route.continue();
  });
  await Promise.all([
    (async () => { for (const s of [51, 52, 53]) await new RegistrationForm(one).register(person(s)); })(),
    (async () => { for (const s of [54, 55, 56]) await new RegistrationForm(two).register(person(s)); })(),
  ]);
  await expectSent(one, 6, 45_000);
  await expectSent(two, 6, 45_000);
  expect(await endpoint.registrationsHeld()).toBe(6);
  // Nothing was sent twice: the batches add up to exactly six registrations.
  expect(batches.reduce((a, b) => a + b, 0)).toBe(6);
});
