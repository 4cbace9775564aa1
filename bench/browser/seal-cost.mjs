// Sealing (issue 16): what encrypting a registration adds to a save, and what opening the list's
// summaries costs at unlock, in Chromium with the CPU slowed 4× (and at full speed as the
// baseline), through the app's own code (lindungi::store::sealed, lindungi::crypto: WebCrypto
// and CompressionStream through web-sys) compiled into the benchmark module.
//
// - Seal one registration: compress, AES-256-GCM, base64, the sealed envelope (median, p95). A
//   sealed save costs this plus the clear save of "Save cost" (the same writes, a shorter value).
// - Size: characters of a sealed registration against the same record in clear (capacity in
//   localStorage goes as their ratio).
// - Open one index page of 64 summaries, and the 79 pages 5,000 registrations need, one after
//   the other (unlocking's share besides the PIN derivation of "PIN derivation").
//
// Needs only the benchmark module (scripts/bench builds it): served from a page of its own on
// 127.0.0.1, a secure context, as WebCrypto requires.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { ROOT, OUT, fmt, launch, median, notMeasured, phoneContext, quantile, writePart } from './lib.mjs';

const SAMPLES = Number(process.env.BENCH_SEAL_SAMPLES ?? 50);
const WARMUP = 5;
const PAGE_SIZE = 64;
const PAGES = Math.ceil(5000 / PAGE_SIZE);
const SAVE_BUDGET_MS = 16;
const UNLOCK_BUDGET_MS = 1500;

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const file = path.startsWith('/pkg/') ? join(OUT, path) : join(ROOT, 'bench/browser/page', path);
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/store.html`;

const browser = await launch();
const lines = [];
const details = {};
try {
  const page = await (await phoneContext(browser)).newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true);
  const cdp = await page.context().newCDPSession(page);
  const pageChars = await page.evaluate((n) => window.bench.seal_setup(n), PAGE_SIZE);
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    details[`cpu_${rate}x`] = await page.evaluate(
      async ({ samples, warmup, pages }) => {
        const seal = [];
        const sizes = [];
        for (let i = 0; i < warmup + samples; i++) {
          window.bench.prepare();
          const t0 = performance.now();
          const [sealed, clear] = await window.bench.seal_prepared();
          const t = performance.now() - t0;
          if (i >= warmup) {
            seal.push(t);
            sizes.push([sealed, clear]);
          }
        }
        const open = [];
        for (let i = 0; i < warmup + samples; i++) {
          const t0 = performance.now();
          await window.bench.open_page();
          if (i >= warmup) open.push(performance.now() - t0);
        }
        const t0 = performance.now();
        for (let i = 0; i < pages; i++) await window.bench.open_page();
        const allPages = performance.now() - t0;
        return { seal, sizes, open, allPages };
      },
      { samples: SAMPLES, warmup: WARMUP, pages: PAGES },
    );
  }
  const at = (rate) => details[`cpu_${rate}x`];
  const sealed = at(4).sizes.reduce((s, [a]) => s + a, 0) / at(4).sizes.length;
  const clear = at(4).sizes.reduce((s, [, b]) => s + b, 0) / at(4).sizes.length;
  lines.push({
    line: `Seal one registration (CPU 4×, median / p95 of ${SAMPLES})`,
    measured: `${fmt.ms(median(at(4).seal))} / ${fmt.ms(quantile(at(4).seal, 0.95))}`,
    baseline: `CPU 1×: ${fmt.ms(median(at(1).seal))} / ${fmt.ms(quantile(at(1).seal, 0.95))}`,
    budget: `part of a save ≤ ${SAVE_BUDGET_MS} ms p95`,
    within: quantile(at(4).seal, 0.95) <= SAVE_BUDGET_MS,
  });
  lines.push({
    line: 'Seal, size of a registration in storage',
    measured: `sealed: ${fmt.int(sealed)} chars`,
    baseline: `in clear: ${fmt.int(clear)} chars`,
    budget: 'capacity ≥ 5,000',
    within: null,
  });
  lines.push({
    line: `Seal, open the list's ${PAGES} index pages of ${PAGE_SIZE} summaries (CPU 4×)`,
    measured: `${fmt.ms(at(4).allPages)} (one page: ${fmt.ms(median(at(4).open))}, ${fmt.int(pageChars)} chars)`,
    baseline: `CPU 1×: ${fmt.ms(at(1).allPages)}`,
    budget: `with the PIN derivation ≤ ${fmt.int(UNLOCK_BUDGET_MS)} ms`,
    within: at(4).allPages <= UNLOCK_BUDGET_MS,
  });
  details.page_chars = pageChars;
} catch (e) {
  lines.push(notMeasured('Seal one registration (CPU 4×)', String(e.message ?? e).split('\n')[0], `≤ ${SAVE_BUDGET_MS} ms`));
} finally {
  await browser.close();
  server.close();
}
writePart('seal-cost', lines, details);
for (const l of lines) console.log(`${l.line}: ${l.measured} (${l.baseline})`);
