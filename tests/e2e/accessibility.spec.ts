import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import type { Page } from '@playwright/test';

async function expectNoViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

async function expectFitsTheScreen(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
  for (const button of await page.getByRole('button').all()) {
    if (!(await button.isVisible())) continue;
    const box = await button.boundingBox();
    expect(box!.height, `a button on ${screen} is too small to tap`).toBeGreaterThanOrEqual(44);
  }
}

test('every screen has no axe violations and fits a 360×640 phone', async ({ page }) => {
  await fixClock(page);
  expect(page.viewportSize()).toEqual({ width: 360, height: 640 });
  const p = person(6);
  const form = new RegistrationForm(page);

  await page.goto('/');
  await expectNoViolations(page, 'home');
  await expectFitsTheScreen(page, 'home');

  await form.start();
  await form.next(); // show the errors too
  await expectNoViolations(page, 'identity step with errors');
  await expectFitsTheScreen(page, 'identity step');
  await form.fillIdentity(p);
  await form.next();
  await expectNoViolations(page, 'address step');
  await expectFitsTheScreen(page, 'address step');
  await form.fillAddress(p);
  await form.next();
  await expectNoViolations(page, 'business step');
  await form.fillBusiness(p);
  // A worker row with its errors showing, then removed again.
  await page.getByRole('button', { name: 'Tambah pekerja' }).click();
  await form.next();
  await expectNoViolations(page, 'business step with a worker row and its errors');
  await expectFitsTheScreen(page, 'business step with a worker row');
  await page.getByRole('button', { name: 'Hapus pekerja 1' }).click();
  await form.next();
  await form.fillCoverage(p);
  await expectNoViolations(page, 'coverage step');
  await expectFitsTheScreen(page, 'coverage step');
  await form.save();
  await expectNoViolations(page, 'saved');

  await page.goto('/data');
  await expectNoViolations(page, 'list');
  await expectFitsTheScreen(page, 'list');
  await page.goto('/koperasi');
  await page.getByRole('button', { name: 'Simpan dan pilih koperasi' }).click();
  await expectNoViolations(page, 'koperasi with errors');
  await expectFitsTheScreen(page, 'koperasi');
  await page.goto('/pengaturan');
  await expectNoViolations(page, 'settings');
  await page.goto('/belum-terdaftar');
  await expectNoViolations(page, 'worklist, not fetched yet');
  await expectFitsTheScreen(page, 'worklist');
  await page.goto('/no-such-page');
  await expectNoViolations(page, 'not found');
});
