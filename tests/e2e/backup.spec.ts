import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';

test('the backup holds every unsent registration and warns that it is personal data', async ({ page }) => {
  await fixClock(page);
  const form = new RegistrationForm(page);
  const a = person(7);
  const b = person(8);
  await form.register(a);
  await form.register(b);

  await page.goto('/pengaturan');
  await expect(page.getByText('Berkas cadangan berisi data pribadi')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Cadangkan yang belum terkirim' }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(file.kind).toBe('lindungi-backup');
  const niks = file.registrations.map((r: { form: { participant: { nik: string } } }) => r.form.participant.nik);
  expect(niks.sort()).toEqual([a.nik, b.nik].sort());
});
