// Builds the app's WebAssembly, split into a main module and lazily loaded chunks, into the
// build Trunk is assembling (TRUNK_STAGING_DIR). Run by scripts/post-build.mjs, Trunk's one
// post_build hook; see docs/toolchain.md for why this is not Trunk's own `rel="rust"`.
//
// Trunk 0.21 runs cargo and wasm-bindgen back to back with nothing in between, but the
// splitter has to see the linker's output before wasm-bindgen rewrites it. So, in order:
//
// 1. cargo builds the `lindungi` binary for wasm32, linked with `--emit-relocs` (the splitter
//    reads the relocations to tell which code each `#[lazy]` function needs);
// 2. `wasm-split-cli` (the `wasm_split_cli_support` crate, pinned in scripts/setup.sh) cuts it
//    into the main module, one module per split point (a screen of src/pages/lazy.rs…) and
//    chunks of code several of them share, plus the JS that loads them (`__wasm_split.js`);
// 3. wasm-bindgen makes the JS glue of the main module (`--keep-lld-exports`: the chunks link
//    against exports the linker made and wasm-bindgen would otherwise drop);
// 4. in release, wasm-opt optimizes every module with the same flags;
// 5. every file gets a content hash in its name (`name-<16 hex>`, what the endpoint serves as
//    immutable, server/src/static_files.rs), references between them are rewritten, and the
//    files are written to the staging dir;
// 6. index.html gets the loader (public/boot.js, with the names as data attributes: the
//    Content-Security-Policy allows no inline script) and preloads of the main JS and wasm.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = 'lindungi';
const TARGET = 'wasm32-unknown-unknown';

/**
 * wasm-opt's flags for every module. rustc ≥ 1.87 emits bulk-memory, sign-ext and friends by
 * default; wasm-opt refuses the module unless told. `-Oz`: the app ships over one bar of signal.
 */
export const WASM_OPT_FLAGS = [
  '-Oz',
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

/**
 * Debian's binaryen (108) produces wasm that dies at start-up; the npm package binaryen@132
 * (node_modules/.bin, put first on PATH by scripts/setup.sh) is the one that works.
 */
export const WASM_OPT_VERSION = 'version 132';

/** Where the intermediate files of a profile are kept (bench/size.mjs reads the main module). */
export const workDir = (profile) => join(ROOT, 'target/wasm-split', profile);

/** The main module as wasm-bindgen wrote it, before wasm-opt. */
export const preOptMain = (profile) => join(workDir(profile), 'bindgen', `${BIN}_bg.wasm`);

/** The first 16 hex digits of the SHA-256 of `bytes`: the hash in a file's name. */
export const contentHash = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
};

function run(command, args, options = {}) {
  console.log(`build-wasm: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
}

/** Runs `jobs` (functions returning promises of child processes) a few at a time. */
async function inParallel(jobs) {
  const queue = [...jobs];
  const worker = async () => {
    while (queue.length) await queue.shift()();
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, worker));
}

function spawnChecked(command, args) {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * Builds into `staging` (a Trunk staging dir that already holds index.html) and returns the
 * names it wrote. `profile` is Trunk's (`release` or `debug`); `features` are cargo features of
 * the app (bench: `no-split`).
 */
export async function buildWasm({ staging, profile = 'release', base = '/', features = '' }) {
  const release = profile === 'release';
  // 1. cargo. `cargo rustc` passes the link argument to the binary only, so the libraries keep
  // the artefacts `cargo build`, clippy and the tests share. `--offline`, as Trunk.toml's
  // `offline = true` did: scripts/setup.sh fetches the crates first.
  const cargoArgs = ['rustc', '--offline', '--bin', BIN, '--target', TARGET];
  if (release) cargoArgs.push('--release');
  if (features) cargoArgs.push('--features', features);
  cargoArgs.push('--', '-C', 'link-arg=--emit-relocs');
  run('cargo', cargoArgs);
  // CARGO_TARGET_DIR: scripts/bench builds a changed copy of the tree into this one's target/.
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
  const linked = join(targetDir, TARGET, release ? 'release' : 'debug', `${BIN}.wasm`);

  // 2. split.
  const work = workDir(profile);
  rmSync(work, { recursive: true, force: true });
  const split = join(work, 'split');
  mkdirSync(split, { recursive: true });
  run('wasm-split-cli', [linked, split, '--out-name', BIN]);

  // 3. wasm-bindgen on the main module.
  const bindgen = join(work, 'bindgen');
  run('wasm-bindgen', [
    '--target',
    'web',
    '--keep-lld-exports',
    '--no-demangle',
    '--no-typescript',
    '--out-dir',
    bindgen,
    '--out-name',
    BIN,
    join(split, `${BIN}.wasm`),
  ]);

  // 4. wasm-opt, each module with the same flags, into `opt/`.
  const opt = join(work, 'opt');
  mkdirSync(opt);
  const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${BIN}.wasm`);
  const modules = [[join(bindgen, `${BIN}_bg.wasm`), join(opt, `${BIN}_bg.wasm`)], ...chunks.map((f) => [join(split, f), join(opt, f)])];
  if (release) {
    const version = execFileSync('wasm-opt', ['--version'], { encoding: 'utf8' });
    if (!version.includes(WASM_OPT_VERSION)) {
      throw new Error(`wasm-opt is ${version.trim()}, not ${WASM_OPT_VERSION}: source scripts/setup.sh (node_modules/.bin first on PATH)`);
    }
    await inParallel(modules.map(([from, to]) => () => spawnChecked('wasm-opt', [...WASM_OPT_FLAGS, from, '-o', to])));
  } else {
    for (const [from, to] of modules) cpSync(from, to);
  }

  // 5. Content-hashed names. The main JS and the split loader import each other, so they share
  // one hash, of both their contents before the names are filled in: either changing renames both.
  const written = [];
  const emit = (name, bytes) => {
    writeFileSync(join(staging, name), bytes);
    written.push(name);
  };
  const named = new Map(); // chunk file as the splitter named it → hashed name
  for (const f of chunks) {
    const bytes = readFileSync(join(opt, f));
    const hashed = `${f.slice(0, -'.wasm'.length)}-${contentHash(bytes)}.wasm`;
    named.set(f, hashed);
    emit(hashed, bytes);
  }
  const mainWasm = readFileSync(join(opt, `${BIN}_bg.wasm`));
  const wasmName = `${BIN}-${contentHash(mainWasm)}_bg.wasm`;
  emit(wasmName, mainWasm);

  let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  loader = replaceExactlyOnce(loader, REPORTS_FAILED_LOADS, RETRIES_FAILED_LOADS, '__wasm_split.js');
  for (const [from, to] of named) loader = replaceExactlyOnce(loader, `"./${from}"`, `"./${to}"`, '__wasm_split.js');
  // Every chunk's address, for the app's first visit: it downloads them (bytes only, into the
  // HTTP cache) once the first screen is painted, so that every screen opens with no signal
  // before the service worker has them (src/pages/lazy.rs, `load_the_others`). Brotli codes the
  // names, already in this file once, as back-references: a few hundred bytes.
  const urls = [...named.values()].map((name) => `new URL("./${name}", import.meta.url).href`);
  loader += `\nglobalThis.lindungiChunks = [\n  ${urls.join(',\n  ')},\n];\n`;
  let glue = readFileSync(join(bindgen, `${BIN}.js`), 'utf8');
  glue = replaceExactlyOnce(glue, `new URL('${BIN}_bg.wasm', import.meta.url)`, `new URL('${wasmName}', import.meta.url)`, `${BIN}.js`);
  const shared = contentHash(glue, loader);
  const jsName = `${BIN}-${shared}.js`;
  const loaderName = `__wasm_split-${shared}.js`;
  loader = replaceExactlyOnce(loader, `from "./${BIN}.js"`, `from "./${jsName}"`, '__wasm_split.js');
  // Only the import statements: the same string is also the wasm's import module name, a key
  // of the imports object, which stays as the main module names it.
  glue = glue.replaceAll(/^(import \* as \w+ from )"\.\/__wasm_split\.js"/gm, `$1"./${loaderName}"`);
  if (/from "\.\/__wasm_split\.js"/.test(glue)) throw new Error(`${BIN}.js still imports the unhashed split loader`);
  emit(jsName, glue);
  emit(loaderName, loader);
  // JS snippets (`#[wasm_bindgen(module = …)]`) are imported by the glue under their own names.
  if (existsSync(join(bindgen, 'snippets'))) {
    cpSync(join(bindgen, 'snippets'), join(staging, 'snippets'), { recursive: true });
    written.push('snippets/');
  }

  // 6. The loader and the preloads in index.html.
  const indexPath = join(staging, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  if (html.includes('data-js=')) throw new Error('index.html already has the loader: is Trunk still building the Rust too?');
  // The `data-trunk-skip` placeholder that keeps Trunk from building the Rust (index.html).
  const skipped = /\n?[ \t]*<link data-trunk rel="rust" data-trunk-skip[^>]*>/;
  if (!skipped.test(html)) throw new Error('index.html lacks <link data-trunk rel="rust" data-trunk-skip />');
  const tags = [
    `<link rel="modulepreload" href="${base}${jsName}" />`,
    `<link rel="preload" href="${base}${wasmName}" as="fetch" type="application/wasm" crossorigin />`,
    // data-version: the build's version, stamped by scripts/stamp-sw.mjs (the app reports it).
    `<script type="module" src="${base}boot.js" data-js="${base}${jsName}" data-wasm="${base}${wasmName}" data-version="unstamped"></script>`,
  ];
  writeFileSync(indexPath, replaceExactlyOnce(html.replace(skipped, ''), '</head>', `  ${tags.join('\n    ')}\n  </head>`, 'index.html'));

  console.log(`build-wasm: ${jsName}, ${wasmName}, ${loaderName}, ${chunks.length} chunks`);
  return { js: jsName, wasm: wasmName, loader: loaderName, chunks: [...named.values()], written };
}

// The splitter's loader reports a chunk it could not fetch as failed, and Leptos's `#[lazy]`
// functions take a failed load for a bug: they panic, and a panic aborts the whole module.
// A phone loses its signal all the time, and before the service worker has every chunk (the
// first minute of the first visit) a screen opened with no signal would kill the app. So a
// chunk that does not load is tried again (when the signal returns, else with a growing wait)
// and the screen opens once it is there.
const REPORTS_FAILED_LOADS = `        let success;
        try {
            await callee();
            success = true;
        } catch (e) {
            console.error(e);
            success = false;
        } finally {
            const sharedImports = getSharedImports();
            sharedImports.__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, success);
        }
`;
const RETRIES_FAILED_LOADS = `        for (let wait = 1000; ; wait = Math.min(2 * wait, 30000)) {
            try {
                await callee();
                break;
            } catch (e) {
                console.warn(\`a part of the app did not load (\${e}); trying again\`);
                await new Promise((retry) => {
                    setTimeout(retry, wait);
                    addEventListener('online', retry, { once: true });
                });
            }
        }
        getSharedImports().__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, true);
`;

/** `text` with `from` replaced by `to`, which must occur exactly once (else the tools changed). */
function replaceExactlyOnce(text, from, to, file) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`${file}: expected exactly one ${JSON.stringify(from)}; did wasm-bindgen or wasm-split-cli change?`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}
