import { test, expect, pinOnEveryPage } from './fixtures';
import type { Page } from '@playwright/test';
import { ChaosProxy } from './support/chaos-proxy';
import { publishNewBuild, updateBanner } from './support/pwa';
import { inject, queuedV1, sentOnPhone, syncedCount, type StoredEntry } from './support/stored';

// A thousand registrations, put on the phone in three tabs over six rounds, each round ending
// with a reload of one tab, synced through a network that drops, loses, fails, throttles and
// delays; halfway, a new build of the app is deployed and its service worker installs while
// registrations are still queued, and an officer switches one tab to it. At the end the city
// holds each registration exactly once and every tab shows every one as sent.
test.use({ ownDist: true });

const TOTAL = 1_000;
const TABS = 3;
const ROUNDS = 6; // one reload a round
/** The round after which the new build is deployed. */
const DEPLOY_AFTER = 2;

/** Taps "Kirim sekarang" if it is enabled (it is not while a sync runs or nothing waits): a
 *  bounded tap, so a disabled button is not waited on. */
async function sendNow(page: Page, timeout = 2_000) {
  await page.getByRole('button', { name: 'Kirim sekarang' }).click({ timeout }).catch(() => {});
}

test('1,000 registrations across three tabs, six reloads and a new build reach the city exactly once through a faulty network', async ({
  browser,
  endpoint,
}, info) => {
  test.setTimeout(480_000);
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000) + info.repeatEachIndex;
  const proxy = new ChaosProxy(endpoint.url, seed);
  const url = await proxy.start();
  const started = Date.now();
  // The service worker is left on: the proxy is a real network, not request routing.
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  pinOnEveryPage(context);
  const tabs = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
  const [first] = tabs;

  await first.goto(`${url}/perangkat`);
  await first.getByLabel('Kode pendaftaran').fill(endpoint.enrollmentCode());
  await first.getByLabel('Nama ponsel').fill('HP Chaos');
  await first.getByRole('button', { name: 'Daftarkan' }).click();
  await expect(first.getByRole('status')).toContainText('Ponsel terdaftar untuk');
  for (const tab of tabs) await tab.goto(url);
  await first.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');

  // Who gets how many: TOTAL split over every tab of every round.
  const slots = ROUNDS * TABS;
  const created: StoredEntry[] = [];
  let switched: Page | undefined;
  let queuedAtDeploy = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let t = 0; t < TABS; t++) {
      const slot = round * TABS + t;
      const from = Math.floor((slot * TOTAL) / slots);
      const to = Math.floor(((slot + 1) * TOTAL) / slots);
      const batch = Array.from({ length: to - from }, (_, i) => queuedV1(from + i));
      await inject(tabs[t], batch);
      created.push(...batch);
    }
    if (round === DEPLOY_AFTER) {
      // The new build goes out while registrations wait (this round's have not been sent:
      // nothing has started a sync since they were written).
      queuedAtDeploy = created.length - (await syncedCount(first));
      expect(queuedAtDeploy).toBeGreaterThan(0);
      publishNewBuild(endpoint.dist);
    }
    // Reload one tab (the store re-indexes what it finds, and starts a sync); once the new
    // build is out, opening the app is when its service worker installs beside the old one.
    const reloaded = tabs[round % TABS];
    await reloaded.reload();
    if (round > DEPLOY_AFTER && !switched) {
      const banner = updateBanner(reloaded);
      await expect(banner).toContainText('Versi baru tersedia', { timeout: 30_000 });
      await banner.getByRole('button', { name: 'Perbarui sekarang' }).click();
      await expect(reloaded.locator('meta[name="lindungi-build"]')).toHaveCount(1, { timeout: 30_000 });
      switched = reloaded;
    }
    // The officer in another tab taps "Kirim sekarang".
    await sendNow(tabs[(round + 1) % TABS]);
  }
  expect(created.length).toBe(TOTAL);
  expect(switched, 'a tab switched to the new build').toBeDefined();

  // Everything arrives, whatever the network did; an officer taps "Kirim sekarang" now and
  // then rather than waiting out a long backoff.
  const deadline = Date.now() + 300_000;
  while ((await syncedCount(first)) < TOTAL && Date.now() < deadline) {
    await sendNow(tabs[Math.floor(Date.now() / 2_000) % TABS], 1_000);
    await first.waitForTimeout(2_000);
  }
  await expect.poll(() => syncedCount(first), { timeout: 30_000 }).toBe(TOTAL);

  // The city holds exactly the registrations created, each once.
  expect(await endpoint.registrationsHeld()).toBe(TOTAL);
  proxy.enabled = false;
  const csv = await (await fetch(`${endpoint.url}/api/v1/export.csv`, { headers: { Authorization: `Bearer ${endpoint.adminToken()}` } })).text();
  expect(created.filter((r) => csv.includes(r.nik)).length).toBe(TOTAL);

  // Every tab shows every one as sent: as it followed the others, then after a reload.
  for (const tab of tabs) {
    await tab.getByRole('link', { name: 'Lindungi' }).click();
    await expect(sentOnPhone(tab)).toHaveText(String(TOTAL));
  }
  for (const tab of tabs) {
    await tab.goto(url);
    await expect(sentOnPhone(tab)).toHaveText(String(TOTAL));
  }
  const report = `chaos seed=${seed} registrations=${TOTAL} batch_requests=${proxy.batchRequests} queued_at_deploy=${queuedAtDeploy} faults=${JSON.stringify(proxy.faults)} duration_s=${((Date.now() - started) / 1000).toFixed(1)}`;
  console.log(report);
  info.annotations.push({ type: 'chaos', description: report });
  await context.close();
  await proxy.stop();
});
