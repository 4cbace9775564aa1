import { test, expect, untilServiceWorkerControls } from './fixtures';
import { person } from './support/data';
import { RegistrationForm, fixClock } from './support/registration';
import { listItems } from './support/sync';

// A market with no signal: after one visit, the app opens from the phone alone (no
// network, no endpoint), on any of its screens, and a registration can be saved.
test('after one online visit the app opens and registers with no signal and no endpoint', async ({
  page,
  context,
  endpoint,
}) => {
  await fixClock(page);
  await page.goto('/');
  await untilServiceWorkerControls(page);

  await endpoint.stop();
  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);

  const p = person(21);
  await new RegistrationForm(page).register(p);

  // A screen never opened before, straight from the address bar: the same shell.
  await page.goto('/data');
  await expect(listItems(page)).toHaveCount(1);
  await expect(listItems(page).first()).toContainText(p.fullName);
});
