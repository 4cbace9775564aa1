// First load and update cost, from three release builds of the same run (scripts/bench):
//
// - dist/: the app as shipped, its WebAssembly split into a main module and lazily loaded
//   chunks (scripts/build-wasm.mjs);
// - $BENCH_OUT/dist-no-split: the same source built with the `no-split` feature, every screen
//   in the main module (the baseline: what the first visit cost before the split);
// - $BENCH_OUT/dist-changed: the same source with one screen changed (the settings screen's
//   markup, patched by scripts/bench in a copy of the tree), for the update cost.
//
// The shell is what the first screen needs before it can paint: index.html, and what it loads
// (the boot script, the main JS and whatever it imports, the main wasm, the CSS); the chunks,
// the service worker and the manifest arrive after the first paint and are listed apart.
// Brotli bytes are those the endpoint sends (the `.br` files scripts/precompress.mjs wrote).
//
// The update cost: what a phone running the shipped build downloads when the changed build is
// released. The service worker fetches the new sw.js, then every file whose digest the running
// version does not hold (public/sw.js), so that is what is counted. Baseline: the same release
// without the split, where any change to the code renames the one wasm and the JS that names it.
//
// The map: `twiggy top` of the main module optimized with the shipped flags plus -g, so the
// function names survive. Sizes are the shipped optimizer's, names included only for reading.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { OUT, ROOT, notMeasured, writePart } from './browser/lib.mjs';
import { WASM_OPT_FLAGS, preOptMain } from '../scripts/build-wasm.mjs';
import { shellOf } from '../scripts/stamp-sw.mjs';

const BUDGET_KIB = 150;
const DIST = join(ROOT, 'dist');
const NO_SPLIT = join(OUT, 'dist-no-split');
const CHANGED = join(OUT, 'dist-changed');
// The framework's floor: bench/floor (a bare Leptos 0.8 app with a router and a PIN field) built
// like the app's main module — release profile, wasm-bindgen, wasm-opt with the same flags — by
// scripts/bench into $BENCH_OUT/floor (floor.js and floor_bg.wasm, optimized).
const FLOOR = join(OUT, 'floor');
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const unhashed = (f) => f.replace(/-[0-9a-f]{16}/, '-<hash>');

/** Raw, gzip and brotli bytes of a built file; brotli as served (its `.br`) when there is one. */
function sizes(dir, file) {
  const bytes = readFileSync(join(dir, file));
  const br = join(dir, `${file}.br`);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: existsSync(br)
      ? statSync(br).size
      : brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
          .length,
  };
}
const show = (s) => `${kib(s.raw)} raw, ${kib(s.gzip)} gzip, ${kib(s.brotli)} brotli`;
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const ZERO = { raw: 0, gzip: 0, brotli: 0 };

/**
 * The files the first screen needs, in load order: index.html, the scripts and stylesheets it
 * names (boot.js's data-js and data-wasm included), and every JS module those import statically.
 * Not the manifest or the icons, nor the chunks (`new URL(…)` and `import()` load them later).
 */
function shellFiles(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = ['index.html'];
  const local = (url) => (url.startsWith('/') && !url.startsWith('//') ? url.slice(1).split(/[?#]/)[0] : null);
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    if (tag.startsWith('<link') && rel !== 'stylesheet') continue;
    for (const [, url] of tag.matchAll(/\b(?:href|src|data-js|data-wasm)="([^"]+)"/g)) {
      const file = local(url);
      if (file && !files.includes(file)) files.push(file);
    }
  }
  for (let i = 0; i < files.length; i++) {
    if (!files[i].endsWith('.js')) continue;
    const source = readFileSync(join(dir, files[i]), 'utf8');
    for (const [, spec] of source.matchAll(/^\s*import\b[^'"]*?from\s*["'](\.{1,2}\/[^"']+)["']/gm)) {
      const file = posix.join(posix.dirname(files[i]), spec);
      if (!files.includes(file)) files.push(file);
    }
  }
  for (const f of files) if (!existsSync(join(dir, f))) throw new Error(`${dir}: index.html needs ${f}, which is not there`);
  return files;
}

/** The lazily loaded chunks of a build: every wasm file but the main module. */
function chunkFiles(dir, shell) {
  return readdirSync(dir).filter((f) => f.endsWith('.wasm') && !shell.includes(f)).sort();
}

/** The shell and the chunks of a build, each file's sizes and the totals. */
function measure(dir) {
  const shell = shellFiles(dir);
  const chunks = chunkFiles(dir, shell);
  const of = (files) => files.map((f) => [f, sizes(dir, f)]);
  const shellSizes = of(shell);
  const chunkSizes = of(chunks);
  return {
    shell: shellSizes,
    chunks: chunkSizes,
    shellTotal: shellSizes.reduce((t, [, s]) => add(t, s), ZERO),
    chunkTotal: chunkSizes.reduce((t, [, s]) => add(t, s), ZERO),
  };
}

/** What a phone running `before` downloads to install `after`: the new sw.js and every file it lacks. */
function updateCost(before, after) {
  const old = shellOf(readFileSync(join(before, 'sw.js'), 'utf8'));
  const next = shellOf(readFileSync(join(after, 'sw.js'), 'utf8'));
  const fetched = ['sw.js', ...Object.keys(next).filter((url) => old[url] !== next[url]).map((url) => url.slice(1))];
  return { files: fetched, total: fetched.reduce((t, f) => add(t, sizes(after, f)), ZERO) };
}

const lines = [];
const details = { files: {} };
try {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('no dist/index.html: the app was not built');
  const split = measure(DIST);
  const base = existsSync(join(NO_SPLIT, 'index.html')) ? measure(NO_SPLIT) : null;
  details.split = split;
  details.no_split = base;
  // The baseline of a shell file: the file of the same role in the no-split build.
  const baseOf = (f) => base?.shell.find(([g]) => unhashed(g) === unhashed(f))?.[1];
  for (const [f, s] of split.shell) {
    const b = baseOf(f);
    lines.push({
      line: `Shell size, ${unhashed(f)}`,
      measured: show(s),
      baseline: b ? `no-split: ${show(b)}` : base ? 'no-split: not in that build' : 'not measured: no no-split build',
      budget: '—',
      within: null,
    });
  }
  // The floor: what the framework costs before any of Lindungi's code, with this page's own
  // html, boot script and CSS (the same for any app served like this one).
  const page = split.shell.filter(([f]) => !/\.(wasm|js)$/.test(f) || f === 'boot.js').reduce((t, [, s]) => add(t, s), ZERO);
  const code = split.shell.filter(([f]) => /\.(wasm|js)$/.test(f) && f !== 'boot.js').reduce((t, [, s]) => add(t, s), ZERO);
  const floor = existsSync(join(FLOOR, 'floor_bg.wasm')) ? add(sizes(FLOOR, 'floor_bg.wasm'), sizes(FLOOR, 'floor.js')) : null;
  details.floor = floor;
  lines.push(
    floor
      ? {
          line: "Shell floor: a bare Leptos 0.8 app with a router and a PIN field (bench/floor), its wasm + JS",
          measured: show(floor),
          baseline: `the app's own wasm + JS in its shell: ${show(code)}`,
          budget: '—',
          within: null,
        }
      : notMeasured('Shell floor (bench/floor)', 'not built ($BENCH_OUT/floor)'),
  );
  const baselines = [
    base ? `no-split: ${show(base.shellTotal)}` : 'no-split: not measured',
    floor ? `the framework's floor with this page's html, boot script and CSS: ${kib(add(floor, page).brotli)} brotli` : null,
  ].filter(Boolean);
  lines.push({
    line: 'Shell size, total (html + js + wasm + css)',
    measured: show(split.shellTotal),
    baseline: baselines.join('; '),
    budget: `≤ ${BUDGET_KIB} KiB brotli`,
    within: split.shellTotal.brotli <= BUDGET_KIB * 1024,
  });
  for (const [f, s] of split.chunks) {
    lines.push({ line: `Chunk (after the first screen), ${unhashed(f)}`, measured: show(s), baseline: '—', budget: '—', within: null });
  }
  const whole = add(split.shellTotal, split.chunkTotal);
  lines.push({
    line: `Chunk total, ${split.chunks.length} chunks; shell + chunks`,
    measured: `${kib(split.chunkTotal.brotli)} brotli; whole app ${show(whole)}`,
    baseline: base ? `no-split whole app: ${show(add(base.shellTotal, base.chunkTotal))}` : 'not measured: no no-split build',
    budget: '—',
    within: null,
  });
  for (const f of ['sw.js', ...readdirSync(DIST).filter((f) => f.endsWith('.webmanifest'))]) {
    if (!existsSync(join(DIST, f))) continue;
    lines.push({ line: `Also served (not in the shell), ${f}`, measured: show(sizes(DIST, f)), baseline: '—', budget: '—', within: null });
  }

  // The update cost.
  if (!existsSync(join(CHANGED, 'index.html'))) {
    lines.push(notMeasured('Update cost, one screen changed', 'no build with one screen changed ($BENCH_OUT/dist-changed)'));
  } else {
    const cost = updateCost(DIST, CHANGED);
    details.update = cost;
    // Without the split the same change renames the one wasm, so the JS that names it, and
    // index.html that names the JS, change too: every file of the shell but boot.js and the CSS.
    const baseCost = base
      ? ['sw.js', ...base.shell.map(([f]) => f).filter((f) => f !== 'boot.js' && !f.endsWith('.css'))].reduce(
          (t, f) => add(t, sizes(NO_SPLIT, f)),
          ZERO,
        )
      : null;
    lines.push({
      line: 'Update cost, one screen changed (settings)',
      measured: `${kib(cost.total.brotli)} brotli in ${cost.files.length} files (${cost.files.map(unhashed).join(', ')})`,
      baseline: baseCost ? `no-split: ${kib(baseCost.brotli)} brotli (sw.js, index.html, the JS, the whole wasm)` : 'not measured: no no-split build',
      budget: '—',
      within: null,
    });
  }

  // The map of the main module.
  try {
    const pre = preOptMain('release');
    if (!existsSync(pre)) throw new Error(`no ${pre}: the release build did not run here`);
    const named = join(OUT, 'lindungi_named.wasm');
    execFileSync('wasm-opt', [...WASM_OPT_FLAGS, '-g', pre, '-o', named], { stdio: 'inherit' });
    details.named_wasm = { file: named, ...sizes(OUT, 'lindungi_named.wasm') };
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
      `   bytes  of code  item of the main module (twiggy top -n 20; ${codeBytes} bytes without the name section)`,
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
