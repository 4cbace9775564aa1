import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent, listItems } from './support/sync';

// These faults are injected with Playwright's request routing, which cannot see requests
// that pass through a service worker; the worker is tested on its own (pwa-*.spec.ts).
test.use({ serviceWorkers: 'block' });

test('a field the city rejects is shown at its field, fixed, and sent again under the same id', async ({ page, context, endpoint }) => {
  await fixClock(page);
  await enroll(page, endpoint);
  // The city applies a rule this phone's version lacks: here, its copy of the phone
  // number arrives as a landline (the request is altered on its way).
  let altered = false;
  let rejectedAnswered = false;
  await context.route('**/api/v1/registrations/batch', async (route) => {
    if (altered) return route.continue();
    altered = true;
    const body = JSON.parse(route.request().postData()!);
    body.registrations[0].form.participant.phone = '0321 123456';
    const response = await route.fetch({ postData: JSON.stringify(body) });
    await route.fulfill({ response });
    rejectedAnswered = true;
  });
  const p = person(61);
  await new RegistrationForm(page).register(p);
  // Leave the page only once the answer is in (a reload mid-request is another journey).
  await expect.poll(() => rejectedAnswered, { timeout: 20_000 }).toBe(true);
  await page.goto('/data');
  const item = listItems(page).first();
  await expect(item).toContainText('Perlu diperbaiki', { timeout: 20_000 });
  await expect(item).toContainText('Ditolak kota');
  const id = (await item.getByRole('link').getAttribute('href'))!.split('/').pop();

  await item.getByRole('link').click();
  await expect(page.getByText('Kota menolak isian ini:')).toBeVisible();
  await page.getByRole('button', { name: 'Lanjut' }).click({ trial: true });
  await expect(page.getByText('Ini bukan nomor HP (harus 08…).')).toBeVisible();
  await page.getByLabel('Nomor HP').fill('0813 1111 2222');
  await expect(page.getByText('Ini bukan nomor HP (harus 08…).')).toBeHidden();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expectSent(page, 1, 30_000);
  expect(await endpoint.registrationsHeld()).toBe(1);
  const href = await listItems(page).first().getByRole('link').getAttribute('href');
  expect(href!.split('/').pop()).toBe(id);
});
