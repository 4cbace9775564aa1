// Trunk's one post_build hook (Trunk.toml): finishes the build Trunk assembled in
// TRUNK_STAGING_DIR (index.html, the CSS, public/), in an order that matters:
//
// 1. the WebAssembly, split into lazily loaded chunks, and its loader in index.html
//    (scripts/build-wasm.mjs);
// 2. the service worker stamped with every file of the shell and chunk (scripts/stamp-sw.mjs),
//    which needs the files of 1;
// 3. brotli and gzip copies of every file (scripts/precompress.mjs), of the stamped sw.js too.
//
// One hook rather than three: Trunk starts the hooks of a stage all at once, not one after the
// other.
//
// `LINDUNGI_APP_FEATURES` adds cargo features to the app's build (scripts/bench builds the
// `no-split` baseline with it).
import { buildWasm } from './build-wasm.mjs';
import { precompress } from './precompress.mjs';
import { stampServiceWorker } from './stamp-sw.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run through `trunk build`');
const base = process.env.TRUNK_PUBLIC_URL ?? '/';

await buildWasm({
  staging,
  base,
  profile: process.env.TRUNK_PROFILE ?? 'debug',
  features: process.env.LINDUNGI_APP_FEATURES ?? '',
});
stampServiceWorker(staging, base);
precompress(staging);
