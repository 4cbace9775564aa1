import { createECDH } from 'node:crypto';
import { test, expect } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { enroll, expectSent } from './support/sync';

// The city's public key encrypts the phone's backups. A phone enrolled before the endpoint had
// one asks for it (GET /api/v1/backup-key) at each sync until it gets it, and keeps it with its
// enrollment; an answer that is not a P-256 public key is not kept. The route is played by the
// test: an endpoint without one answers 404.
test('a phone enrolled without the city key asks for it at each sync and keeps it once given', async ({ page, context, endpoint }) => {
  await fixClock(page);
  const city = createECDH('prime256v1');
  const cityKey = { public_key: city.generateKeys('base64'), key_id: '0011223344556677' };
  const malformed = { public_key: 'B'.padEnd(88, 'A'), key_id: '0011223344556677' };
  let answer: 'none' | 'malformed' | 'key' = 'none';
  let asked = 0;
  await context.route('**/api/v1/backup-key', async (route) => {
    asked += 1;
    if (answer === 'key') await route.fulfill({ json: cityKey });
    else if (answer === 'malformed') await route.fulfill({ json: malformed });
    else await route.fulfill({ status: 404, body: '' });
  });
  await enroll(page, endpoint);
  // As an earlier release stored the enrollment: no key.
  await page.evaluate(() => {
    const device = JSON.parse(localStorage.getItem('lindungi.v1.device')!);
    delete device.city_key;
    localStorage.setItem('lindungi.v1.device', JSON.stringify(device));
  });
  const storedKey = () => page.evaluate(() => JSON.parse(localStorage.getItem('lindungi.v1.device')!).city_key ?? null);

  const form = new RegistrationForm(page);
  await form.register(person(31));
  await expectSent(page, 1);
  await expect.poll(() => asked).toBeGreaterThan(0);
  expect(await storedKey()).toBeNull();

  answer = 'malformed';
  const before = asked;
  await form.register(person(32));
  await expectSent(page, 2);
  await expect.poll(() => asked).toBeGreaterThan(before);
  expect(await storedKey()).toBeNull();

  answer = 'key';
  await form.register(person(33));
  await expectSent(page, 3);
  await expect.poll(storedKey).toEqual(cityKey);
  // Sending went on as before, each once.
  expect(await endpoint.registrationsHeld()).toBe(3);
});
