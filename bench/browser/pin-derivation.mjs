// PIN derivation: how long Chromium's WebCrypto takes to derive the key that wraps the data key
// from a PIN (PBKDF2-SHA-256, 256 bits out), with the CPU slowed 4× through CDP
// (Emulation.setCPUThrottlingRate) as the other phone benchmarks are, at the iteration counts
// worth choosing between; the baseline is the same derivation at full speed. The app derives
// once per unlock (and once per wrong PIN), so the count chosen is the largest whose derivation
// keeps unlocking within its budget (docs/security.md). WebCrypto runs in the browser's native
// code, so a page calling it directly costs what the app's wasm calling it costs.
import { createServer } from 'node:http';
import { fmt, launch, median, notMeasured, phoneContext, writePart } from './lib.mjs';

const COUNTS = [100_000, 210_000, 310_000, 600_000];
const RUNS = 5;
// Unlocking must take at most 1.5 s at CPU 4× with 5,000 stored; the derivation may have
// about half of it, the rest is for the index pages and the first screen.
const BUDGET_MS = 750;

const server = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><title>pin derivation</title>');
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const lines = [];
const details = {};
try {
  const page = await (await phoneContext(browser)).newPage();
  // 127.0.0.1 is a secure context: crypto.subtle is there, as on the app's HTTPS origin.
  await page.goto(url);
  const cdp = await page.context().newCDPSession(page);
  const derive = (iterations) =>
    page.evaluate(
      async ({ iterations, runs }) => {
        const times = [];
        for (let i = 0; i < runs; i++) {
          const salt = crypto.getRandomValues(new Uint8Array(16));
          const material = await crypto.subtle.importKey('raw', new TextEncoder().encode('480915'), 'PBKDF2', false, ['deriveBits']);
          const t0 = performance.now();
          await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
          times.push(performance.now() - t0);
        }
        return times;
      },
      { iterations, runs: RUNS },
    );
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    details[`cpu_${rate}x`] = {};
    for (const n of COUNTS) details[`cpu_${rate}x`][n] = await derive(n);
  }
  for (const n of COUNTS) {
    const slow = median(details.cpu_4x[n]);
    const fast = median(details.cpu_1x[n]);
    lines.push({
      line: `PIN derivation, PBKDF2-SHA-256 × ${fmt.int(n)} (CPU 4×, median of ${RUNS})`,
      measured: fmt.ms(slow),
      baseline: `CPU 1×: ${fmt.ms(fast)}`,
      budget: `≤ ${fmt.int(BUDGET_MS)} ms`,
      within: slow <= BUDGET_MS,
    });
  }
} catch (e) {
  lines.push(notMeasured('PIN derivation (PBKDF2-SHA-256, CPU 4×)', String(e.message ?? e).split('\n')[0], `≤ ${BUDGET_MS} ms`));
} finally {
  await browser.close();
  server.close();
}
writePart('pin-derivation', lines, details);
for (const l of lines) console.log(`${l.line}: ${l.measured} (${l.baseline})`);
