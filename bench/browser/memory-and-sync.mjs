// Two parts that need the real app with 5,000 registrations in its storage:
//
// Memory: the JS heap of the app's page (CDP Runtime.getHeapUsage after a forced GC) with
// 5,000 queued registrations stored, next to the same page with none stored. The wasm module's
// linear memory is an ArrayBuffer outside the JS heap: it is reported beside it.
//
// Sync: 5,000 queued registrations in the app's storage on the endpoint's origin, an enrolled
// phone, then the app opened: the wall time from opening it until the endpoint holds all 5,000
// (GET /api/v1/stats), and the batch requests the app made. Default rate limits, as in the field.
// Baseline, same run: as many again posted straight from the page with fetch(), one request
// after the other, in as many requests as the app made, with no store and no app.
//
// Both seed the store under the data key of the phone's own keyring (`use_app_pin`, a PIN
// chosen as the PIN screen does), and type that PIN when the app asks, as an officer does: the
// sync's wall time includes the unlock.
import { fmt, launch, notMeasured, openBench, phoneContext, seedProject, startEndpoint, storedLabel, writePart } from './lib.mjs';

const N = 5000;
/** The endpoint's limit per request (MAX_BATCH_ITEMS in domain/src/wire.rs). */
const MAX_BATCH_ITEMS = 500;
const SYNC_BUDGET_S = 10;
const lines = [];
const details = {};

const endpoint = await startEndpoint();
const browser = await launch();

/** The PIN the benchmark's phone is opened with (not a trivial one: the app refuses those). */
const PIN = '730519';

/** Makes the bench module seal with the data key of the phone's keyring (chosen on first use). */
async function useAppPin(page) {
  await page.evaluate((pin) => window.bench.use_app_pin(pin), PIN);
}

/** Types the PIN on the app's unlock screen. */
async function unlock(page) {
  await page.getByLabel('PIN', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Buka', exact: true }).click();
}

/** Opens the app's home screen, types the PIN and waits until it lists `queued` waiting
 * registrations. */
async function openApp(page, queued) {
  await page.goto(endpoint.url + '/');
  await unlock(page);
  await page.waitForFunction((n) => {
    const counts = document.querySelector('dl.counts');
    return counts && [...counts.querySelectorAll('dd')].some((dd) => dd.textContent.trim() === String(n));
  }, queued, { timeout: 120_000 });
}

/** The page's JS heap after a forced GC, and the size of the app's wasm linear memory (an
 * ArrayBuffer the JS heap does not count, where the store's summaries live). */
async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  // wasm-bindgen's init returns the instance it already made when called again.
  const wasmBytes = await page.evaluate(async () => {
    const { default: init } = await import(document.querySelector('script[data-js]').dataset.js);
    return (await init()).memory.buffer.byteLength;
  });
  return { ...usage, wasmBytes };
}

try {
  // --- Memory ---------------------------------------------------------------------------
  try {
    const page = await (await phoneContext(browser)).newPage();
    await openBench(page, endpoint);
    await page.evaluate(() => window.bench.reset());
    await useAppPin(page);
    await openApp(page, 0);
    await page.waitForTimeout(1000);
    const empty = await heap(page);
    await openBench(page, endpoint);
    await page.evaluate(() => window.bench.reset());
    await useAppPin(page);
    const seeded = await seedProject(page, N);
    await openApp(page, seeded.stored);
    await page.waitForTimeout(1000);
    const full = await heap(page);
    await page.context().close();
    lines.push({
      line: `Memory, app JS heap with ${storedLabel(N, seeded)}`,
      measured: `JS heap ${fmt.mib(full.usedSize)}, wasm memory ${fmt.mib(full.wasmBytes)}`,
      baseline: `none stored: JS heap ${fmt.mib(empty.usedSize)}, wasm memory ${fmt.mib(empty.wasmBytes)}`,
      budget: '—',
      within: null,
    });
    details.memory = { stored: seeded.stored, full, empty };
  } catch (e) {
    lines.push(notMeasured(`Memory, app JS heap with ${fmt.int(N)} stored`, String(e.message ?? e).split('\n')[0]));
  }

  // --- Sync -----------------------------------------------------------------------------
  const syncLine = `Sync, ${fmt.int(N)} queued to the endpoint on loopback`;
  try {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // Enroll as an officer does, with nothing stored yet (nothing to send).
    await openBench(page, endpoint);
    await useAppPin(page);
    await page.goto(endpoint.url + '/perangkat');
    await unlock(page);
    await page.getByLabel('Kode pendaftaran').fill(endpoint.enrollmentCode());
    await page.getByLabel('Nama ponsel').fill('HP Bench');
    await page.getByRole('button', { name: 'Daftarkan' }).click();
    await page.getByRole('status').filter({ hasText: 'Ponsel terdaftar untuk' }).waitFor();
    // Queue 5,000 through the app's store while no app page is open to send them.
    await openBench(page, endpoint);
    await useAppPin(page);
    const seeded = await seedProject(page, N);
    const queued = seeded.stored;
    if ((await endpoint.held()) !== 0) throw new Error('the endpoint already holds registrations');

    // The app's batch requests and their answers, counted until the endpoint holds them all.
    const statuses = [];
    const onFinished = async (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/registrations/batch')) {
        statuses.push((await request.response())?.status() ?? 0);
      }
    };
    const onFailed = (request) => {
      if (request.url().endsWith('/api/v1/registrations/batch')) statuses.push('failed');
    };
    context.on('requestfinished', onFinished);
    context.on('requestfailed', onFailed);
    const started = Date.now();
    await page.goto(endpoint.url + '/');
    await unlock(page);
    let held = 0;
    while (held < queued && Date.now() - started < 120_000) {
      held = await endpoint.held();
      // Every 200 ms: the admin token may ask 5 times a second without running out.
      if (held < queued) await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    if (held < queued) throw new Error(`the endpoint held ${held} of ${queued} after 120 s`);
    await page.waitForTimeout(500); // let the last response's event arrive
    context.off('requestfinished', onFinished);
    context.off('requestfailed', onFailed);
    const ok = statuses.filter((s) => s === 200).length;

    // Baseline: as many again straight from the page, no app, in as many requests as the app made.
    const batch = Math.min(MAX_BATCH_ITEMS, Math.ceil(queued / Math.max(1, statuses.length)));
    const token = await endpoint.deviceToken();
    await openBench(page, endpoint);
    const baseline = await page.evaluate(
      async ({ n, batch, token }) => {
        window.bench.set_first_seed(1_000_000);
        const bodies = [];
        for (let i = 0; i < n; i += batch) bodies.push(window.bench.batch_body(Math.min(batch, n - i)));
        const t0 = performance.now();
        for (const body of bodies) {
          const r = await fetch('/api/v1/registrations/batch', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body,
          });
          if (!r.ok) throw new Error(`batch answered ${r.status}`);
          await r.json();
        }
        return { seconds: (performance.now() - t0) / 1000, requests: bodies.length };
      },
      { n: queued, batch, token },
    );
    await context.close();
    lines.push({
      line: seeded.fitted ? syncLine : `Sync, ${storedLabel(N, seeded).replace('stored', 'queued')} to the endpoint on loopback`,
      measured: `${seconds.toFixed(2)} s from opening the app, ${statuses.length} batch requests (${ok} answered 200)`,
      baseline: `${baseline.seconds.toFixed(2)} s for ${baseline.requests} direct POSTs of ${batch}, no app`,
      budget: `≤ ${SYNC_BUDGET_S} s`,
      within: seconds <= SYNC_BUDGET_S,
    });
    details.sync = { n: queued, seconds, requests: statuses.length, statuses, baseline };
  } catch (e) {
    lines.push(notMeasured(syncLine, String(e.message ?? e).split('\n')[0], `≤ ${SYNC_BUDGET_S} s`));
  }
} finally {
  await browser.close();
  await endpoint.stop();
}
writePart('memory-and-sync', lines, details);
