import { test, expect, ensurePin, pinScreen, TEST_PIN, typePinWhenAsked } from './fixtures';
import { person } from './support/data';
import { FIXED_NOW, RegistrationForm } from './support/registration';
import { enroll, listItems } from './support/sync';
import { queuedRecord, storeQueued } from './support/stored';

/** Every key and value this origin's localStorage holds, as one text. */
const dumpStorage = (page: import('@playwright/test').Page) =>
  page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));

async function choosePin(page: import('@playwright/test').Page, first: string, again = first) {
  await page.getByLabel('PIN baru').fill(first);
  await page.getByLabel('Ulangi PIN').fill(again);
  await page.getByRole('button', { name: 'Simpan PIN' }).click();
}

async function typePin(page: import('@playwright/test').Page, pin: string) {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Buka', exact: true }).click();
}

// A shared phone: the officer chooses a PIN, registers two traders with no signal, and nothing
// of them is readable in the phone's storage; the PIN opens them again after a reload, a wrong
// PIN waits, the screen locks by itself, and sending goes on while it is locked.
test('registrations are kept sealed under the officer PIN, and sending goes on while the screen is locked', async ({ page, context, endpoint }) => {
  test.setTimeout(120_000);
  // This journey types the PIN itself.
  await page.removeLocatorHandler(pinScreen(page));
  await page.clock.install({ time: FIXED_NOW });
  await page.goto('/');

  // A trivial PIN, then two that differ, are refused with a reason.
  await expect(page.getByRole('heading', { name: 'Pilih PIN' })).toBeVisible();
  await choosePin(page, '123456');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('berurutan');
  await choosePin(page, TEST_PIN, '730518');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Kedua PIN tidak sama');
  await choosePin(page, TEST_PIN);
  await expect(page.getByRole('link', { name: 'Daftar baru', exact: true })).toBeVisible();

  // Enrolling and registering open new addresses: the PIN is typed at each, as an officer would.
  await typePinWhenAsked(page);
  await enroll(page, endpoint);
  await context.setOffline(true);
  const people = [person(31), person(32)];
  const form = new RegistrationForm(page);
  for (const p of people) {
    await form.start();
    await form.register(p);
  }

  // Nothing of either trader is in the phone's storage in clear.
  const stored = await dumpStorage(page);
  expect(stored).toContain('lindungi.v1.reg.');
  for (const p of people) {
    for (const secret of [p.nik, p.fullName, p.mother, p.phone, p.street]) {
      expect(stored, 'personal data in clear in localStorage').not.toContain(secret);
    }
  }

  // Reopened: the PIN is asked, a wrong one is refused and must wait, nothing is erased.
  await page.removeLocatorHandler(pinScreen(page));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Buka Lindungi' })).toBeVisible();
  await typePin(page, '999999'.replace(/9/g, '4'));
  await expect(page.getByRole('main').getByRole('alert')).toContainText('PIN salah');
  await expect(page.getByRole('main').getByRole('alert')).toContainText(/coba lagi dalam \d+ detik/);
  await expect(page.getByRole('button', { name: 'Buka', exact: true })).toBeDisabled();
  await page.clock.fastForward('00:06');
  await expect(page.getByRole('button', { name: 'Buka', exact: true })).toBeEnabled();
  await typePin(page, TEST_PIN);
  await page.goto('/data');
  await expect(page.getByRole('heading', { name: 'Buka Lindungi' })).toBeVisible();
  await typePin(page, TEST_PIN);
  await expect(listItems(page)).toHaveCount(2);
  for (const p of people) await expect(listItems(page).filter({ hasText: p.fullName })).toHaveCount(1);

  // Five minutes without a touch: the screen locks, the list is hidden.
  await page.clock.fastForward('05:10');
  await expect(page.getByRole('heading', { name: 'Buka Lindungi' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Pendaftaran' })).toBeHidden();

  // Signal comes back while locked: both reach the city without the PIN being typed.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(() => endpoint.registrationsHeld(), { timeout: 30_000 }).toBe(2);
  await expect(page.getByRole('heading', { name: 'Buka Lindungi' })).toBeVisible();
  await typePin(page, TEST_PIN);
  await expect(listItems(page).filter({ hasText: 'Terkirim' })).toHaveCount(2);
});

// A phone that held registrations in clear from an earlier release: they are encrypted in
// place at the first PIN. Closing the app while that runs loses nothing: every registration is
// either still clear or already sealed, and the next opening finishes the work.
test('a phone of an earlier release is encrypted in place at its first PIN, and a stop midway loses nothing', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.removeLocatorHandler(pinScreen(page));
  const N = 300;
  const records = Array.from({ length: N }, (_, i) => queuedRecord(person(500 + i)));
  // The power cut: from the 60th encryption on, the browser never answers.
  await page.addInitScript(() => {
    const encrypt = SubtleCrypto.prototype.encrypt;
    let calls = 0;
    SubtleCrypto.prototype.encrypt = function (...args: Parameters<SubtleCrypto['encrypt']>) {
      calls += 1;
      if (calls >= 60) return new Promise<ArrayBuffer>(() => {});
      return encrypt.apply(this, args);
    };
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pilih PIN' })).toBeVisible();
  await storeQueued(page, records);
  await choosePin(page, TEST_PIN);
  await expect(page.getByRole('status')).toContainText(/Membuka data… \d+ dari 300/);
  const sealedIn = () =>
    page.evaluate((keys) => keys.filter((k) => localStorage.getItem(k)?.includes('"box"')).length, records.map((r) => r.key));
  await expect.poll(sealedIn).toBeGreaterThan(0);
  const storage = await page.evaluate(() => ({ ...localStorage }));
  await page.close();

  const sealedNow = records.filter((r) => storage[r.key]?.includes('"box"')).length;
  test.info().annotations.push({ type: 'sealed before the stop', description: `${sealedNow} of ${N}` });
  expect(sealedNow).toBeGreaterThan(0);
  expect(sealedNow).toBeLessThan(N);
  for (const r of records) expect(storage[r.key], 'a registration lost midway').toBeTruthy();

  // Reopened in the same browser: the keyring is there, so the PIN is asked, not chosen.
  const again = await context.newPage();
  await ensurePin(again);
  await again.removeLocatorHandler(pinScreen(again));
  await again.goto('/data');
  await expect(again.getByRole('heading', { name: 'Buka Lindungi' })).toBeVisible();
  await typePin(again, TEST_PIN);
  await expect(listItems(again)).toHaveCount(N, { timeout: 60_000 });
  const after = await dumpStorage(again);
  for (const r of records.slice(0, 20)) expect(after).not.toContain(r.nik);
  const clearLeft = await again.evaluate(
    (keys) => keys.filter((k) => !localStorage.getItem(k)!.includes('"box"')).length,
    records.map((r) => r.key),
  );
  expect(clearLeft).toBe(0);
});

// A new phone with the app open in two tabs: the PIN chosen in one is the phone's PIN, and the
// other asks for it rather than making a second key (which would leave the first tab's
// registrations under a key no PIN opens).
test('a PIN chosen in one tab is asked for in the other, never chosen twice', async ({ page, context }) => {
  await page.removeLocatorHandler(pinScreen(page));
  await page.goto('/');
  const other = await context.newPage();
  await ensurePin(other);
  await other.removeLocatorHandler(pinScreen(other));
  await other.goto('/');
  await expect(page.getByRole('heading', { name: 'Pilih PIN' })).toBeVisible();
  await expect(other.getByRole('heading', { name: 'Pilih PIN' })).toBeVisible();

  await choosePin(page, TEST_PIN);
  await expect(page.getByRole('link', { name: 'Daftar baru', exact: true })).toBeVisible();
  const keyring = await page.evaluate(() => localStorage.getItem('lindungi.v1.keyring'));
  await expect(other.getByRole('heading', { name: 'Buka Lindungi' })).toBeVisible();
  await typePin(other, TEST_PIN);
  await expect(other.getByRole('link', { name: 'Daftar baru', exact: true })).toBeVisible();
  expect(await other.evaluate(() => localStorage.getItem('lindungi.v1.keyring'))).toBe(keyring);
});
