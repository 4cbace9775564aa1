import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { person } from './support/data';
import { RegistrationForm } from './support/registration';
import { inject, storedV2 } from './support/stored';
import { enroll, expectSent, listItems } from './support/sync';

// Phones in markets often show a wrong date. A registration typed while the phone's clock is
// set back is still saved and sent, one an earlier clock left with its last edit before its
// start is repaired, and the officer is told when the phone's date differs from the city's.
// The endpoint runs on this machine's real clock; the phone's clock is set relative to it.

const DAY = 24 * 60 * 60 * 1000;

/** The notice about the phone's date (at the foot of every screen). */
const clockWarning = (page: Page) => page.getByRole('alert').filter({ hasText: 'Tanggal di ponsel ini berbeda' });

test('a registration typed while the phone’s clock goes back is saved and sent, and the officer is warned', async ({
  page,
  endpoint,
}) => {
  const now = Date.now();
  await page.clock.setFixedTime(now);
  await enroll(page, endpoint);
  // The phone agrees with the city: no warning.
  await expect(clockWarning(page)).toHaveCount(0);

  const p = person(81);
  const form = new RegistrationForm(page);
  await form.start();
  await form.fillIdentity(p); // the draft is started now
  // Mid-registration the phone's date is set back two days (by hand, or a flat battery).
  await page.clock.setFixedTime(now - 2 * DAY);
  await form.next();
  await form.fillAddress(p);
  await form.next();
  await form.fillBusiness(p);
  await form.next();
  await form.fillCoverage(p);
  await form.save();
  await expect(page.getByText('Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.')).toBeVisible();

  await expectSent(page, 1);
  expect(await endpoint.registrationsHeld()).toBe(1);
  // The city's answer said what day it is: the phone is told its date is off.
  await expect(clockWarning(page)).toBeVisible();
  await expect(clockWarning(page)).toContainText(new Date(now).getFullYear().toString());

  // Set right again, the warning goes with the next answer from the city.
  await page.clock.setFixedTime(Date.now());
  await new RegistrationForm(page).register(person(82));
  await expectSent(page, 2);
  await expect(clockWarning(page)).toHaveCount(0);
});

test('registrations an earlier clock left with their last edit before their start are repaired and sent', async ({ page, endpoint }) => {
  const now = Date.now();
  const started = new Date(now - 1 * DAY).toISOString();
  const lastEdit = new Date(now - 3 * DAY).toISOString(); // the clock went back after the start
  await page.goto('/');
  // Left by an older release: one waiting to be sent, and one the city refused for its time.
  const queued = storedV2(901, 'queued', { createdAt: started, updatedAt: lastEdit });
  const refused = storedV2(902, 'needs_fix', { createdAt: started, updatedAt: lastEdit }, {
    city_errors: [{ path: 'updated_at', code: 'updated_at.before_created_at' }],
  });
  await inject(page, [queued, refused]);
  await enroll(page, endpoint);

  // The waiting one is repaired as it is sent.
  await expectSent(page, 1);
  // The refused one opens, saves and is sent: nothing in it needed the officer.
  await listItems(page).filter({ hasText: 'Perlu diperbaiki' }).getByRole('link').click();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.')).toBeVisible();
  await expectSent(page, 2);
  expect(await endpoint.registrationsHeld()).toBe(2);
});
