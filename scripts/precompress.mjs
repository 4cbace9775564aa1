// Trunk post_build hook: writes a brotli (.br) and a gzip (.gz) copy beside every text and
// wasm file of the build, so the endpoint can send the ~850 KB wasm as ~270 KB over one
// bar of signal without compressing on every request (see server/src/static_files.rs).
// Runs after stamp-sw.mjs, so the compressed sw.js is the stamped one.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through `trunk build`');

const COMPRESSIBLE = /\.(wasm|js|mjs|css|html|webmanifest|json|svg|txt)$/;
let before = 0;
let after = 0;

function walk(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
    before += raw.length;
    after += br.length;
  }
}

walk(dir);
console.log(`precompressed: ${(before / 1024).toFixed(0)} KB -> ${(after / 1024).toFixed(0)} KB brotli`);
