import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent, listItems } from './support/sync';

// These faults are injected with Playwright's request routing, which cannot see requests
// that pass through a service worker; the worker is tested on its own (pwa-*.spec.ts).
test.use({ serviceWorkers: 'block' });

test('a response lost after the endpoint committed is retried and answered already_received: no second row', async ({ page, context, endpoint }) => {
  await fixClock(page);
  await enroll(page, endpoint);
  let lost = 0;
  const answers: string[] = [];
  await context.route('**/api/v1/registrations/batch', async (route) => {
    const response = await route.fetch(); // the endpoint receives and commits
    const body = await response.text();
    answers.push(body);
    if (lost === 0) {
      lost++;
      await route.abort('connectionreset'); // ...but the phone never hears back
    } else {
      await route.fulfill({ response, body });
    }
  });
  await new RegistrationForm(page).register(person(31));
  await page.getByRole('link', { name: 'Ke beranda' }).click();
  await expect.poll(() => answers.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  expect(JSON.parse(answers[0]).results[0].outcome).toBe('accepted');

  await expectSent(page, 1, 45_000);
  expect(JSON.parse(answers[answers.length - 1]).results[0].outcome).toBe('already_received');
  expect(JSON.parse(answers[answers.length - 1]).results[0].receipt).toBe(JSON.parse(answers[0]).results[0].receipt);
  expect(await endpoint.registrationsHeld()).toBe(1);
  await listItems(page).first().click();
  await expect(page.locator('.receipt-number')).toHaveText(JSON.parse(answers[0]).results[0].receipt);
});
