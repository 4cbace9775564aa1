import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent, listItems, openList } from './support/sync';

// An open form never writes over a registration that has left the officer's hands: once it
// is being sent or the city holds it, the form turns into the registration's page, a reload
// of the form's address opens that page too, and a correction is a message saying whom to ask.
// The second tab's form is opened while the phone has no signal, so it is open before the send.
test.use({ serviceWorkers: 'block' });

/** Opens the form of `name`'s registration from the list, inside the app. */
async function openFormOf(page: Page, name: string) {
  await openList(page);
  await listItems(page).filter({ hasText: name }).getByRole('link').click();
  await expect(page.getByLabel('Nama lengkap (sesuai KTP)')).toHaveValue(name);
}

const receiptHeading = (page: Page) => page.getByRole('heading', { name: 'Tanda terima pendaftaran' });

test('a form left open in another tab turns into the receipt once the registration is sent, and a keystroke there changes nothing', async ({
  context,
  endpoint,
}) => {
  const [one, two] = [await context.newPage(), await context.newPage()];
  await fixClock(one);
  await fixClock(two);
  await enroll(one, endpoint);
  await two.goto('/');
  await context.setOffline(true);
  const p = person(71);
  await new RegistrationForm(one).register(p);
  await openFormOf(two, p.fullName);
  const formAddress = two.url();

  // The signal returns and the registration is sent; the city answers with a receipt.
  await context.setOffline(false);
  await expectSent(one, 1);
  // The officer in the second tab types a letter into the form that was open there.
  await two.getByLabel('Nama usaha').fill(`${p.businessName}x`, { timeout: 2_000 }).catch(() => {});

  // That tab shows the receipt instead of the form, with whom to ask for a correction.
  await expect(receiptHeading(two)).toBeVisible();
  const receipt = (await two.locator('.receipt-number').textContent())!;
  expect(receipt).toMatch(/^MJK-\d{4}-\d{6}$/);
  await expect(two.getByText('Perlu koreksi?')).toContainText(receipt);
  await expect(two.getByText('Perlu koreksi?')).toContainText('BPJS Ketenagakerjaan Cabang Mojokerto');
  await expect(two.getByLabel('Nama lengkap (sesuai KTP)')).toHaveCount(0);

  // A reload of the form's address opens the receipt, never the form.
  await two.goto(formAddress);
  await expect(receiptHeading(two)).toBeVisible();
  await expect(two.getByLabel('Nama lengkap (sesuai KTP)')).toHaveCount(0);

  // The phone still holds the receipt and nothing else; the city holds the registration once.
  await expectSent(two, 1);
  await expect(listItems(two)).toHaveCount(1);
  await expect(listItems(two).first()).not.toContainText('Draf');
  expect(await endpoint.registrationsHeld()).toBe(1);
  // Nothing waits to be sent: no second version of it is on its way under the same id.
  await one.getByRole('link', { name: 'Lindungi' }).click();
  await expect(one.getByRole('button', { name: 'Kirim sekarang' })).toBeDisabled();
});

test('a registration being sent cannot be discarded from a form left open on it', async ({ context, endpoint }) => {
  const [one, two] = [await context.newPage(), await context.newPage()];
  await fixClock(one);
  await fixClock(two);
  await enroll(one, endpoint);
  await two.goto('/');
  await context.setOffline(true);
  const p = person(72);
  await new RegistrationForm(one).register(p);
  await openFormOf(two, p.fullName);

  // The batch reaches the endpoint, but its answer is held back: the registration is "sending".
  let release: (() => void) | undefined;
  const reached = new Promise<void>((resolve) => {
    void context.route('**/api/v1/registrations/batch', async (route) => {
      if (release) return route.continue();
      const response = await route.fetch();
      await new Promise<void>((r) => {
        release = r;
        resolve();
      });
      await route.fulfill({ response }).catch(() => {});
    });
  });
  await context.setOffline(false);
  await reached;

  // The open form has become the registration's page, which offers no "discard".
  await expect(two.getByText('Sedang dikirim')).toBeVisible();
  await expect(two.getByRole('button', { name: 'Buang draf' })).toHaveCount(0);
  await expect(two.getByLabel('Nama lengkap (sesuai KTP)')).toHaveCount(0);

  release!();
  await expectSent(one, 1);
  await expectSent(two, 1);
  expect(await endpoint.registrationsHeld()).toBe(1);
});
