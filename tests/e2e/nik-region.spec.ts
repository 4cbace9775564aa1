import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { listItems } from './support/sync';

// A NIK has no check digit: the one typo the phone can catch offline is a region that does not
// exist (digits 1–4 name no regency or city Kemendagri has ever numbered; domain::nik). It is
// said beside the field as soon as the NIK is whole, and it never stops the registration:
// people keep the code of where their NIK was issued.
test('a NIK of a region that does not exist is flagged as a likely typo, and can still be saved', async ({ page }) => {
  await fixClock(page);
  const form = new RegistrationForm(page);
  const p = person(71);
  const typo = { ...p, nik: '3599' + p.nik.slice(4) };
  const warning = page.getByText('bukan kode kabupaten/kota yang dikenal');

  await form.start();
  const nik = page.getByLabel('NIK', { exact: true });
  await nik.fill(typo.nik.slice(0, 15));
  await expect(warning).toHaveCount(0);
  await nik.fill(typo.nik);
  await expect(warning).toBeVisible();
  // Put right, the hint goes.
  await nik.fill(p.nik);
  await expect(warning).toHaveCount(0);
  await page.getByRole('button', { name: 'English' }).click();
  await nik.fill(typo.nik);
  await expect(page.getByText('not a known regency or city code')).toBeVisible();
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();

  // The card says 3599: this very form is saved all the same.
  await form.fillIdentity(typo);
  await expect(warning).toBeVisible();
  await form.next();
  await form.fillAddress(typo);
  await form.next();
  await form.fillBusiness(typo);
  await form.next();
  await form.fillCoverage(typo);
  await form.save();
  await expect(page.getByText('Tersimpan di ponsel ini. Akan dikirim saat ada sinyal.')).toBeVisible();
  await page.goto('/data');
  await expect(listItems(page)).toHaveCount(1);
  await expect(listItems(page).first()).toContainText(typo.fullName);
});
