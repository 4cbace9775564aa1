import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { inject, quarantineKeys, rawRecord, storedV2 } from './support/stored';
import { enroll, expectSent, listItems, openList } from './support/sync';

// The app and the endpoint are not always of the same release. A registration of a schema the
// endpoint does not know yet waits on the phone for the update (it is not the officer's to fix),
// and a tab of an older release leaves a newer release's registrations exactly as they are and
// asks for a reload. Requests are altered with Playwright's routing, which cannot see requests
// that pass through a service worker: the worker is blocked here.
test.use({ serviceWorkers: 'block' });

/** The app's schema version, as the app's own first batch says it. */
const CURRENT_SCHEMA = 1;

test('a registration the endpoint cannot read yet waits for the update and is sent after it, never as needing a fix', async ({
  page,
  context,
  endpoint,
}) => {
  await fixClock(page);
  await enroll(page, endpoint);
  // This app is a release ahead of the endpoint: its registrations carry the next schema version.
  let ahead = true;
  let refusals = 0;
  await context.route('**/api/v1/registrations/batch', async (route) => {
    if (!ahead) return route.continue();
    const body = JSON.parse(route.request().postData()!);
    for (const r of body.registrations) {
      expect(r.schema_version).toBe(CURRENT_SCHEMA);
      r.schema_version = CURRENT_SCHEMA + 1;
    }
    const response = await route.fetch({ postData: JSON.stringify(body) });
    if (response.status() !== 200) refusals++;
    await route.fulfill({ response });
  });
  const p = person(91);
  await new RegistrationForm(page).register(p);

  // The whole batch is refused: the phone says to update the app and keeps it waiting.
  await expect.poll(() => refusals, { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Ke beranda' }).click();
  await expect(page.locator('.sync-status')).toContainText('Perbarui aplikasi');
  await openList(page);
  const item = listItems(page).first();
  await expect(item).toContainText('Menunggu dikirim');
  await expect(item).toContainText('Perbarui aplikasi');
  await expect(item).not.toContainText('Perlu diperbaiki');
  expect(await endpoint.registrationsHeld()).toBe(0);

  // The update: app and endpoint are of one release again. The app starts, and sends.
  ahead = false;
  await page.reload();
  await expectSent(page, 1);
  expect(await endpoint.registrationsHeld()).toBe(1);
});

/** The notice about registrations of a newer release, at the foot of every screen. */
const newerNotice = (page: Page) => page.getByRole('alert').filter({ hasText: 'versi aplikasi yang lebih baru' });

test('a tab of an older release leaves a newer release’s registrations as they are and asks for a reload', async ({
  context,
  endpoint,
}) => {
  const one = await context.newPage();
  await fixClock(one);
  await one.goto('/');
  // Written by a newer release: registrations of the next schema version (waiting, and a
  // draft), and one in a newer envelope. Beside them, one of today's.
  const envelopeV3 = storedV2(912, 'queued');
  const newer = [
    storedV2(911, 'queued', { schemaVersion: CURRENT_SCHEMA + 1 }),
    { ...envelopeV3, record: { ...(envelopeV3.record as object), v: 3 } },
    storedV2(913, 'draft', { schemaVersion: CURRENT_SCHEMA + 1 }),
  ];
  const today = storedV2(914, 'queued');
  await inject(one, [...newer, today]);
  const before = await Promise.all(newer.map((r) => rawRecord(one, r.id)));
  const untouched = async (page: Page) => {
    expect(await Promise.all(newer.map((r) => rawRecord(page, r.id)))).toEqual(before);
    expect(await quarantineKeys(page)).toEqual([]);
  };

  // Loading.
  await enroll(one, endpoint);
  await one.goto('/');
  await expect(newerNotice(one)).toContainText('3');
  await expect(newerNotice(one).getByRole('button', { name: 'Muat ulang' })).toBeVisible();
  await expect(one.getByText('tidak terbaca')).toHaveCount(0);
  await untouched(one);

  // Sending: only today's registration goes.
  await expectSent(one, 1);
  expect(await endpoint.registrationsHeld()).toBe(1);
  await untouched(one);

  // Following another tab: a newer release writes one more, and storage changes under this tab.
  const two = await context.newPage();
  await fixClock(two);
  await two.goto('/');
  const fourth = storedV2(915, 'draft', { schemaVersion: CURRENT_SCHEMA + 1 });
  await inject(two, [fourth]);
  before.push(await rawRecord(two, fourth.id));
  newer.push(fourth);
  await one.getByRole('link', { name: 'Lindungi' }).click();
  await expect(newerNotice(one)).toContainText('4');
  // Another tab sets an unreadable entry aside, which makes this tab read everything again.
  await two.evaluate(() => localStorage.setItem('lindungi.v1.quarantine.e2e-probe', '{"not":"a record"}'));
  await two.evaluate(() => localStorage.removeItem('lindungi.v1.quarantine.e2e-probe'));
  await expect(newerNotice(one)).toContainText('4');
  await untouched(one);

  // A registration of this release is still sent from either tab.
  await new RegistrationForm(one).register(person(93));
  await expectSent(one, 2);
  await untouched(two);
  expect(await endpoint.registrationsHeld()).toBe(2);
});
