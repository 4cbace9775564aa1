// Writes into the service worker of a build the list of files the app needs offline, each with
// the SHA-256 of its bytes, and a version marker. Run by scripts/post-build.mjs once the
// WebAssembly is in place.
//
// The shell is index.html, every local file it references (the boot script, the main JS and
// wasm, the CSS, the manifest, the icon), and everything those scripts can load in turn: the
// split loader the main JS imports and every chunk it fetches (`new URL("./…", import.meta.url)`).
// Reading them from the built files rather than guessing means the worker precaches exactly
// what this build can ask for, so every screen opens with no signal after the first visit.
// The digests let the worker take a file it already has from the previous version instead of
// downloading it again (public/sw.js), and check every file it does download.
// The version is a hash of the list: a build that changes nothing the phone runs leaves sw.js
// byte-for-byte the same, so no update is offered. It is also written into index.html (the boot
// script's `data-version`), so the running app knows which build it is, with or without a worker,
// and tells the city (src/sync/health.rs). The hash covers index.html as it was before that:
// with the placeholder `data-version="unstamped"`; the list then gets the final file's digest.
//
// Also refuses a build whose index.html holds an inline script: the endpoint's
// Content-Security-Policy has no 'unsafe-inline', so such a page would load blank.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Local URLs a JS file can load: static and dynamic imports, and `new URL(…, import.meta.url)`. */
function referencesOfScript(source, url) {
  const found = [];
  const patterns = [
    /\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
    /\bnew URL\(\s*["']([^"':]+)["']\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const [, spec] of source.matchAll(pattern)) found.push(posix.join(posix.dirname(url), spec));
  }
  return found;
}

/** Stamps `dir`/sw.js; `base` is the site's public URL (Trunk's TRUNK_PUBLIC_URL). */
export function stampServiceWorker(dir, base = '/') {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    // `trunk serve` adds its live-reload script inline; that page never goes through the
    // endpoint, so no CSP applies to it.
    const devReload = body.includes('.well-known/trunk/ws');
    if (!/\bsrc=/.test(attrs) && body.trim() !== '' && !devReload) {
      throw new Error(`index.html has an inline script, which the CSP blocks:\n${body.trim().slice(0, 200)}`);
    }
  }

  const shell = new Map(); // URL → SHA-256 of the file's bytes
  const pending = [`${base}index.html`];
  for (const [, url] of html.matchAll(/\b(?:href|src|data-js|data-wasm)="([^"]+)"/g)) {
    if (url.startsWith(base) && !url.startsWith('//')) pending.push(url.split(/[?#]/)[0]);
  }
  while (pending.length) {
    const url = pending.pop();
    if (shell.has(url)) continue;
    const path = join(dir, url.slice(base.length));
    if (!existsSync(path)) throw new Error(`the build references ${url}, which it does not contain`);
    const bytes = readFileSync(path);
    shell.set(url, createHash('sha256').update(bytes).digest('hex'));
    if (url.endsWith('.js')) pending.push(...referencesOfScript(bytes.toString('utf8'), url));
  }
  const files = Object.fromEntries([...shell].sort(([a], [b]) => a.localeCompare(b)));

  const version = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  const indexUrl = `${base}index.html`;
  const placeholder = 'data-version="unstamped"';
  if (html.includes(placeholder)) {
    if (html.indexOf(placeholder) !== html.lastIndexOf(placeholder)) throw new Error('index.html has two version placeholders');
    const versioned = html.replace(placeholder, `data-version="${version}"`);
    writeFileSync(join(dir, 'index.html'), versioned);
    files[indexUrl] = createHash('sha256').update(versioned).digest('hex');
  }
  const swPath = join(dir, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const stamped = sw
    .replace(/^const VERSION = 'unstamped';$/m, `const VERSION = '${version}';`)
    .replace(/^const SHELL = \{\};$/m, `const SHELL = ${JSON.stringify(files, null, 1)};`);
  if (stamped === sw || !stamped.includes(version) || stamped.includes('const SHELL = {};')) {
    throw new Error('sw.js has lost its VERSION/SHELL placeholders');
  }
  writeFileSync(swPath, stamped);
  console.log(`sw.js: version ${version}, ${shell.size} shell files`);
  return { version, files };
}

/** The files a stamped sw.js lists, URL → SHA-256 (scripts/bench compares two builds with it). */
export function shellOf(swSource) {
  const list = /^const SHELL = (\{[\s\S]*?\});$/m.exec(swSource);
  if (!list) throw new Error('sw.js is not stamped');
  return JSON.parse(list[1]);
}
