// Trunk post_build hook (see Trunk.toml): writes the list of shell files and a version
// marker into the service worker of the build being assembled in TRUNK_STAGING_DIR.
//
// The shell is index.html plus every local file it references (hashed JS, wasm, CSS,
// the boot script, the manifest, the icon). Reading them from the built index.html
// rather than guessing at run time means the worker precaches exactly this build.
// The version is a hash of those files' names and contents: a build that changes
// nothing the phone runs leaves sw.js byte-for-byte the same, so no update is offered.
//
// Also refuses a build whose index.html holds an inline script: the endpoint's
// Content-Security-Policy has no 'unsafe-inline', so such a page would load blank. (Trunk's
// own loader is not inline: Trunk.toml's pattern_script loads public/boot.js.)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: TRUNK_STAGING_DIR=dist node scripts/stamp-sw.mjs');
const base = process.env.TRUNK_PUBLIC_URL ?? '/';

const html = readFileSync(join(dir, 'index.html'), 'utf8');

for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  // `trunk serve` adds its live-reload script inline; that page never goes through the
  // endpoint, so no CSP applies to it.
  const devReload = body.includes('.well-known/trunk/ws');
  if (!/\bsrc=/.test(attrs) && body.trim() !== '' && !devReload) {
    throw new Error(`index.html has an inline script, which the CSP blocks:\n${body.trim().slice(0, 200)}`);
  }
}

const shell = new Set([`${base}index.html`]);
for (const [, url] of html.matchAll(/\b(?:href|src|data-js|data-wasm)="([^"]+)"/g)) {
  if (url.startsWith(base) && !url.startsWith('//')) shell.add(url.split(/[?#]/)[0]);
}
const files = [...shell].sort();

const hash = createHash('sha256');
for (const url of files) {
  const path = join(dir, url.slice(base.length));
  if (!existsSync(path)) throw new Error(`index.html references ${url}, which the build does not contain`);
  hash.update(url).update('\0').update(readFileSync(path)).update('\0');
}
const version = hash.digest('hex').slice(0, 16);

const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8');
const stamped = sw
  .replace(/^const VERSION = 'unstamped';$/m, `const VERSION = '${version}';`)
  .replace(/^const SHELL = \[\];$/m, `const SHELL = ${JSON.stringify(files)};`);
if (stamped === sw || !stamped.includes(version) || stamped.includes('const SHELL = [];')) {
  throw new Error('sw.js has lost its VERSION/SHELL placeholders');
}
writeFileSync(swPath, stamped);
console.log(`sw.js: version ${version}, ${files.length} shell files`);
