import { test, expect, untilServiceWorkerControls } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent, listItems } from './support/sync';

// The walking journey of the whole system: registrations made with no signal survive a
// reload and reach the city exactly once when the signal returns, without a button.
test('registrations made offline reach the city once, with receipts, when the signal returns', async ({ page, context, endpoint }) => {
  await fixClock(page);
  await enroll(page, endpoint);
  // One online visit installs the offline shell (the service worker).
  await untilServiceWorkerControls(page);
  const form = new RegistrationForm(page);

  await context.setOffline(true);
  const people = [person(11), person(12)];
  for (const p of people) await form.register(p);

  // A reload with no signal at all: the shell comes from the phone, the data from storage.
  await page.reload();
  await page.getByRole('link', { name: 'Lindungi' }).click();
  await page.getByRole('link', { name: 'Semua pendaftaran' }).click();
  await expect(listItems(page)).toHaveCount(2);
  await expect(listItems(page).filter({ hasText: 'Menunggu dikirim' })).toHaveCount(2);
  expect(await endpoint.registrationsHeld()).toBe(0);

  // Signal back: the online event sends them, nobody presses anything.
  await context.setOffline(false);
  await expectSent(page, 2);
  expect(await endpoint.registrationsHeld()).toBe(2);

  // Each shows its receipt; the personal data is gone from the phone.
  await listItems(page).first().click();
  await expect(page.locator('.receipt-number')).toHaveText(/^MJK-2026-00000[12]$/);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  for (const p of people) {
    expect(stored).not.toContain(p.nik);
    expect(stored).not.toContain(p.phone);
    expect(stored).not.toContain(p.mother);
  }
  // "Kirim sekarang" again sends nothing more.
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Kirim sekarang' })).toBeDisabled();
  expect(await endpoint.registrationsHeld()).toBe(2);
});
