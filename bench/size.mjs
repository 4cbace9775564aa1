// Shell size: every file a first visit downloads before the app can start (index.html, the
// loader boot.js, the wasm-bindgen JS, the wasm, the CSS), raw, gzip -9 and brotli -q 11, as
// built by `trunk build --release`. The service worker and the manifest are listed apart: they
// arrive after the first paint. Baseline: the same shell with the wasm as wasm-bindgen wrote it,
// before wasm-opt (what the size tuning of the optimizer buys).
//
// The map: `twiggy top` of a copy of the wasm optimized exactly as Trunk does (the flags are
// read from index.html) but with -g, so the function names survive. Sizes are the shipped
// optimizer's, names included only for reading.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { OUT, ROOT, notMeasured, writePart } from './browser/lib.mjs';

const BUDGET_KIB = 150;
const DIST = join(ROOT, 'dist');
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}
const show = (s) => `${kib(s.raw)} raw, ${kib(s.gzip)} gzip, ${kib(s.brotli)} brotli`;

/** The wasm as wasm-bindgen wrote it, before wasm-opt (Trunk keeps it under target/). */
function preOptWasm() {
  const dir = join(ROOT, 'target/wasm-bindgen/release');
  const name = existsSync(dir) && readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
  return name ? join(dir, name) : null;
}

/**
 * The crate an item belongs to, read from its demangled name: `a::f` and `<a::B as c::D>::f`
 * are `a`'s; `<T as c::D>::f` (a generic or primitive self type) is `c`'s.
 */
function crateOf(name) {
  if (name.startsWith('data segment')) return '(data segments)';
  const lead = (text) => /^[&\s]*(?:mut\s+|dyn\s+|impl\s+)*([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(text)?.[1];
  if (name.startsWith('<')) {
    const inner = name.slice(1);
    const as = inner.indexOf(' as ');
    return lead(inner) ?? (as >= 0 ? lead(inner.slice(as + 4)) : undefined) ?? '(core: primitives)';
  }
  return lead(name) ?? '(other: tables, imports, glue)';
}

const lines = [];
const details = { files: {} };
try {
  const files = readdirSync(DIST).filter((f) => statSync(join(DIST, f)).isFile());
  const pick = (test) => files.filter(test);
  const shell = [
    ...pick((f) => f === 'index.html'),
    ...pick((f) => f === 'boot.js'),
    ...pick((f) => /^lindungi-.*\.js$/.test(f)),
    ...pick((f) => f.endsWith('.wasm')),
    ...pick((f) => f.endsWith('.css')),
  ];
  if (!shell.some((f) => f.endsWith('.wasm'))) throw new Error('no wasm in dist/: the app was not built');
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const pre = preOptWasm();
  const preSizes = pre ? sizes(readFileSync(pre)) : null;
  let wasmSizes;
  for (const f of shell) {
    const s = sizes(readFileSync(join(DIST, f)));
    details.files[f] = s;
    for (const k of Object.keys(total)) total[k] += s[k];
    const isWasm = f.endsWith('.wasm');
    if (isWasm) wasmSizes = s;
    lines.push({
      line: `Shell size, ${f.replace(/-[0-9a-f]{16}/, '-<hash>')}`,
      measured: show(s),
      baseline: isWasm ? (preSizes ? `before wasm-opt: ${show(preSizes)}` : 'not measured: no pre-wasm-opt file') : '—',
      budget: '—',
      within: null,
    });
  }
  const preTotal = preSizes && wasmSizes ? total.brotli - wasmSizes.brotli + preSizes.brotli : null;
  lines.push({
    line: 'Shell size, total (html + js + wasm + css)',
    measured: show(total),
    baseline: preTotal ? `${kib(preTotal)} brotli with the wasm before wasm-opt` : '—',
    budget: `≤ ${BUDGET_KIB} KiB brotli`,
    within: total.brotli <= BUDGET_KIB * 1024,
  });
  details.total = total;
  for (const f of pick((f) => f === 'sw.js' || f.endsWith('.webmanifest'))) {
    const s = sizes(readFileSync(join(DIST, f)));
    details.files[f] = s;
    lines.push({ line: `Also served (not in the shell), ${f}`, measured: show(s), baseline: '—', budget: '—', within: null });
  }

  // The map of the wasm.
  try {
    if (!pre) throw new Error('no pre-wasm-opt wasm under target/wasm-bindgen/release');
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
    const level = /data-wasm-opt="([^"]+)"/.exec(html)?.[1] ?? 'z';
    const params = (/data-wasm-opt-params="([^"]+)"/.exec(html)?.[1] ?? '').split(/\s+/).filter(Boolean);
    const named = join(OUT, 'lindungi_named.wasm');
    execFileSync('wasm-opt', [`-O${level}`, '-g', ...params, pre, '-o', named], { stdio: 'inherit' });
    details.named_wasm = { file: named, ...sizes(readFileSync(named)) };
    const items = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'json', named], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    // The name sections are there only for reading: sizes and shares are of everything else,
    // which is the shipped wasm give or take a few bytes.
    const code = items.filter((i) => !/subsection|custom section "name"/.test(i.name));
    const codeBytes = code.reduce((sum, i) => sum + i.shallow_size, 0);
    const pct = (b) => `${((100 * b) / codeBytes).toFixed(2).padStart(6)} %`;
    const row = (b, what) => `${String(b).padStart(8)} ${pct(b)}  ${what}`;
    const top = code.slice(0, 20).map((i) => row(i.shallow_size, i.name.replace(/::h[0-9a-f]{16}$/, '')));
    const byCrate = new Map();
    for (const i of code) byCrate.set(crateOf(i.name), (byCrate.get(crateOf(i.name)) ?? 0) + i.shallow_size);
    const crates = [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([c, b]) => row(b, c));
    details.twiggy = [
      `   bytes  of code  item (twiggy top -n 20; ${codeBytes} bytes without the name section)`,
      ...top,
      '',
      '   bytes  of code  crate (every item, grouped by the crate its name starts with)',
      ...crates,
    ].join('\n');
  } catch (e) {
    details.twiggy = `not measured: ${String(e.message ?? e).split('\n')[0]}`;
  }
} catch (e) {
  lines.push(notMeasured('Shell size', String(e.message ?? e).split('\n')[0], `≤ ${BUDGET_KIB} KiB brotli`));
}
writePart('size', lines, details);
