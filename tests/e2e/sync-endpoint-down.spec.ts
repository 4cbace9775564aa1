import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent } from './support/sync';

test('with the endpoint down a registration waits, then is sent when it returns without a button', async ({ page, endpoint }) => {
  await fixClock(page);
  await enroll(page, endpoint);
  await endpoint.stop();

  await new RegistrationForm(page).register(person(21));
  await page.getByRole('link', { name: 'Ke beranda' }).click();
  await expect(page.locator('.sync-status')).toContainText('Dicoba lagi otomatis.', { timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Pendaftaran di ponsel ini' }).getByRole('definition').nth(1)).toHaveText('1');

  await endpoint.start();
  // The backoff timer (5 s, doubling, with jitter) retries on its own.
  await expectSent(page, 1, 45_000);
  expect(await endpoint.registrationsHeld()).toBe(1);
});
